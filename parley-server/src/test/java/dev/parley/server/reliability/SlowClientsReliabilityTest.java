package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ingest.BodyLimits;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.LogCapture;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.PrometheusText;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their bodies slowly, or stop half way, cannot keep the server from
 * answering everyone else: bodies are read without holding a thread, each must arrive in
 * time, and all of them together hold a bounded number of bytes.
 */
class SlowClientsReliabilityTest {
  private static final String STALLED_HEAD = "POST /v1/t HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Content-Type: application/json\r\nContent-Length: 30000\r\n\r\n";

  @TempDir Path dir;

  /** More stalled bodies than the server has threads (250): each would hold one if bodies were read blocking. */
  @Test
  void threeHundredStalledBodiesLeaveEveryRouteAnswering() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) {
          stalled.add(openStalled(server.server().port(), "{\"userId\":"));
        }

        assertThat(answer(server, HttpRequest.newBuilder(server.uri("/healthz")).GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> ingest = answer(server, HttpRequest.newBuilder(server.uri("/v1/track"))
            .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
            .POST(HttpRequest.BodyPublishers.ofString(Messages.started("patient", "c-1", "m-1").toString())));
        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
        HttpResponse<String> summary = answer(server, HttpRequest.newBuilder(server.uri("/api/v1/summary"))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).GET());
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(answer(server, HttpRequest.newBuilder(server.uri("/")).GET()).statusCode()).isLessThan(500);
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
      assertThat(server.events(Map.of("userId", "patient"))).hasSize(1);
    }
  }

  /**
   * Clients that leave before their answers are ready, and a server that stops meanwhile: Jetty
   * ends those requests and reuses their objects. An answer written after that would fail on a
   * recycled response, once per request (and Segment's clients see the server's errors).
   */
  @Test
  void requestsThatEndBeforeTheirAnswerLeaveNoErrors() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      TestServer server = TestServer.start(dir);
      int port = server.server().port();
      List<Socket> stalled = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        stalled.add(openStalled(port, "{\"userId\":"));
      }
      assertThat(Eventually.answer(() -> metric(server, "parley_request_body_bytes"), n -> n > 0)).isPositive();
      for (Socket socket : stalled) {
        socket.close();
      }
      server.close(); // while the bodies' failures are still being answered
      Thread.sleep(1_000); // answers still in flight when the server stopped are written (or not) meanwhile
      assertThat(logs.warnings()).as("warnings and errors").isEmpty();
    }
  }

  @Test
  void aBodyThatDoesNotArriveInTimeIsAnswered408AndNothingOfItIsStored() throws Exception {
    try (TestServer server = TestServer.start(dir, new BodyLimits(Duration.ofMillis(300), 64L << 20))) {
      String body = Messages.started("slow", "c-1", "m-slow").toString();
      String head = "POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
          + TestServer.basic(TestServer.WRITE_KEY) + "\r\nContent-Length: " + body.length();
      // Two bytes a second: the body would take longer than the deadline to arrive.
      RawHttp.Answer answer = RawHttp.exchange(server.server().port(), head, body.getBytes(StandardCharsets.UTF_8), 1, 500,
          false);

      assertThat(answer.status()).as(answer.body()).isEqualTo(408);
      assertThat(TestServer.json(answer.body()).get("error").asText()).contains("did not arrive within");
      assertThat(server.events(Map.of("userId", "slow"))).isEmpty();
      assertThat(metric(server, "parley_requests_refused_total{reason=\"timeout\"}")).isEqualTo(1.0);
    }
  }

  @Test
  void bodiesPastTheSharedBudgetAreAnswered503AndTheBudgetComesBack() throws Exception {
    try (TestServer server = TestServer.start(dir, new BodyLimits(Duration.ofSeconds(30), 40_000))) {
      int port = server.server().port();
      byte[] part = ("{\"userId\":\"" + "x".repeat(24_000)).getBytes(StandardCharsets.UTF_8);
      try (Socket first = openStalled(port, new String(part, StandardCharsets.UTF_8))) {
        assertThat(Eventually.answer(() -> metric(server, "parley_request_body_bytes"), n -> n == part.length))
            .as("the first body's bytes are held").isEqualTo(part.length);
        String head = "POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
            + TestServer.basic(TestServer.WRITE_KEY) + "\r\nContent-Length: 30000";
        RawHttp.Answer second = RawHttp.exchange(port, head, ("{\"userId\":\"" + "y".repeat(29_987) + "\"}")
            .getBytes(StandardCharsets.UTF_8));

        assertThat(second.status()).as(second.body()).isEqualTo(503);
        assertThat(second.body()).contains("too many request bodies in progress");
      }
      assertThat(Eventually.answer(() -> metric(server, "parley_request_body_bytes"), n -> n == 0))
          .as("given back once the connection closes").isZero();
      assertThat(server.post("/v1/track", Messages.started("later", "c-2", "m-later").toString()).statusCode())
          .isEqualTo(200);
    }
  }

  private static double metric(TestServer server, String sample) {
    return PrometheusText.value(metricsText(server), sample);
  }

  private static String metricsText(TestServer server) {
    return TestServer.send(HttpRequest.newBuilder(server.uri("/metrics")).build()).body();
  }

  /** A connection that has sent its headers and the start of a 30,000-byte body, and then nothing. */
  private static Socket openStalled(int port, String start) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write((STALLED_HEAD + start).getBytes(StandardCharsets.UTF_8));
    out.flush();
    return socket;
  }

  /** Sends with a bound on the wait: a server whose threads are all taken never answers. */
  private static HttpResponse<String> answer(TestServer server, HttpRequest.Builder request) {
    return TestServer.send(request.timeout(Duration.ofSeconds(30)).build());
  }
}
