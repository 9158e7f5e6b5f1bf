package dev.parley.server.otlp;

import static dev.parley.server.otlp.OtlpRequests.attribute;
import static dev.parley.server.otlp.OtlpRequests.chat;
import static dev.parley.server.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.parley.server.otlp.OtlpHostileCorpus.Hostile;
import dev.parley.server.testing.TestServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What no exporter should send: each is answered 4xx (or, for data that can be kept, 200 with
 * what is kept bounded), never 5xx, and the collector is healthy afterwards.
 */
class OtlpHostileInputTest {
  private static final String PROTOBUF = OtlpHostileCorpus.PROTOBUF;
  private static final String JSON = OtlpHostileCorpus.JSON;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void hostileExportsAreRefusedWithoutHarm() throws Exception {
    byte[] valid = OtlpHostileCorpus.valid();
    String validJson = OtlpHostileCorpus.validJson();
    List<Hostile> corpus = OtlpHostileCorpus.all();
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      List<String> failures = new ArrayList<>();
      for (Hostile h : corpus) {
        HttpResponse<String> answer = server.post("/v1/traces", h.body(), h.headers());
        if (answer.statusCode() != h.expected()) {
          failures.add(h.name() + ": answered " + answer.statusCode() + " " + abbreviate(answer.body()));
        } else if (answer.body().isEmpty()) {
          failures.add(h.name() + ": answered " + answer.statusCode() + " without a Status saying why");
        }
      }
      assertThat(failures).isEmpty();
      assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(server.post("/v1/traces", valid, Map.of("Content-Type", PROTOBUF, "Authorization",
          "Bearer " + TestServer.WRITE_KEY)).statusCode()).isEqualTo(200);
      assertThat(server.events(Map.of("conversationId", "hostile-ok"))).hasSize(2);
      assertThat(server.post("/v1/traces", utf8(validJson), Map.of("Content-Type", JSON, "Authorization",
          "Bearer " + TestServer.WRITE_KEY)).statusCode()).isEqualTo(200);
      assertThat(server.events(Map.of("conversationId", "hostile-ok-json"))).hasSize(2);
      for (String refused : OtlpHostileCorpus.refusedConversations()) {
        assertThat(server.events(Map.of("conversationId", refused))).as(refused).isEmpty();
      }
    }
  }

  @Test
  void oddButReadableSpansAreKeptBoundedOrRejectedOneByOne() throws Exception {
    Span.Builder huge = chat("odd-huge", 0, attribute("gen_ai.output.messages", "y".repeat(6_000_000)));
    Span.Builder badIds = chat("odd-ids", 2).setTraceId(ByteString.copyFrom(new byte[3]));
    Span.Builder longConversation = chat("c".repeat(5_000), 4);
    StringBuilder parts = new StringBuilder("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"see\"}");
    IntStream.range(0, 10_000).forEach(i -> parts.append(",{\"type\":\"uri\",\"modality\":\"image\",\"uri\":\"u\"}"));
    Span.Builder manyMedia = chat("odd-media", 6, attribute("gen_ai.output.messages", parts + "]}]"));
    Span.Builder loneSurrogate = chat("odd-surrogate", 8);
    byte[] body = request(huge, badIds, longConversation, manyMedia).toByteArray();
    String json = OtlpRequests.json(request(loneSurrogate.addAttributes(attribute("gen_ai.input.messages",
        "PLACEHOLDER"))));
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(server.uri("/v1/traces"))
          .header("Content-Type", PROTOBUF).header("Authorization", "Bearer " + TestServer.WRITE_KEY)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
      ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer.body());
      assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
      assertThat(response.getPartialSuccess().getErrorMessage()).contains("trace id", "over 1000 characters");

      JsonNode reply = server.events(Map.of("conversationId", "odd-huge", "event", "Message Received")).get(0);
      assertThat(reply.toString()).contains("\"message_body_truncated\":true");
      assertThat(server.events(Map.of("conversationId", "odd-media", "event", "Media Generated")))
          .hasSize(GenAiSpanMapper.MAX_MEDIA);

      HttpResponse<String> surrogate = server.post("/v1/traces", utf8(json.replace("PLACEHOLDER", "a\\uD800b")),
          Map.of("Content-Type", JSON, "Authorization",
          TestServer.basic(TestServer.WRITE_KEY)));
      assertThat(surrogate.statusCode()).as(surrogate.body()).isEqualTo(200);
      assertThat(server.events(Map.of("conversationId", "odd-surrogate"))).hasSize(2);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
