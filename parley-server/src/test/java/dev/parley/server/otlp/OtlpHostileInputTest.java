package dev.parley.server.otlp;

import static dev.parley.server.otlp.OtlpRequests.attribute;
import static dev.parley.server.otlp.OtlpRequests.chat;
import static dev.parley.server.otlp.OtlpRequests.gzip;
import static dev.parley.server.otlp.OtlpRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.parley.server.testing.TestServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  private record Hostile(String name, byte[] body, Map<String, String> headers, int expected) {}

  private static Hostile hostile(String name, byte[] body, String contentType, int expected, String... more) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + TestServer.WRITE_KEY);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    for (int i = 0; i < more.length; i += 2) {
      headers.put(more[i], more[i + 1]);
    }
    return new Hostile(name, body, headers, expected);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void hostileExportsAreRefusedWithoutHarm() throws Exception {
    byte[] valid = request(chat("hostile-ok", 0, attribute("gen_ai.input.messages", "hello"))).toByteArray();
    String validJson = OtlpRequests.json(request(chat("hostile-ok-json", 0)));
    List<Hostile> corpus = new ArrayList<>();
    corpus.add(hostile("varint of 11 bytes", new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, PROTOBUF, 400));
    corpus.add(hostile("protobuf cut in half", Arrays.copyOf(valid, valid.length / 2), PROTOBUF, 400));
    corpus.add(hostile("a length past the end", new byte[] {0x0A, 0x7F, 0x01}, PROTOBUF, 400));
    corpus.add(hostile("JSON sent as protobuf", utf8(validJson), PROTOBUF, 400));
    corpus.add(hostile("protobuf sent as JSON", valid, JSON, 400));
    corpus.add(hostile("text/plain", valid, "text/plain", 415));
    corpus.add(hostile("application/xml", utf8("<traces/>"), "application/xml", 415));
    corpus.add(hostile("no Content-Type", valid, null, 415));
    corpus.add(hostile("JSON that is an array", utf8("[]"), JSON, 400));
    corpus.add(hostile("JSON cut off", utf8("{\"resourceSpans\":[{"), JSON, 400));
    corpus.add(hostile("JSON nested 10,000 deep", utf8("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
        JSON, 400));
    corpus.add(hostile("resourceSpans of the wrong type", utf8("{\"resourceSpans\":\"x\"}"), JSON, 400));
    corpus.add(hostile("traceId that is not hex", utf8(validJson.replaceFirst("\"traceId\":\"[^\"]+\"",
        "\"traceId\":\"not-hex!\"")), JSON, 400));
    corpus.add(hostile("attribute value nested 200 deep (protobuf)", request(chat("hostile-deep", 0,
        attribute("gen_ai.input.messages", OtlpRequests.nested(200)))).toByteArray(), PROTOBUF, 400));
    corpus.add(hostile("attribute value nested 200 deep (JSON)", utf8(OtlpRequests.json(request(chat(
        "hostile-deep-json", 0, attribute("x", OtlpRequests.nested(200)))))), JSON, 400));
    corpus.add(hostile("gzip bomb of 40 MB of zeros", gzip(new byte[40_000_000]), PROTOBUF, 413,
        "Content-Encoding", "gzip"));
    corpus.add(hostile("gzip header on plain protobuf", valid, PROTOBUF, 400, "Content-Encoding", "gzip"));
    corpus.add(hostile("unknown Content-Encoding", valid, PROTOBUF, 400, "Content-Encoding", "br"));
    corpus.add(hostile("9 MB attribute value", request(chat("hostile-huge", 0, attribute("gen_ai.output.messages",
        "x".repeat(9_000_000)))).toByteArray(), PROTOBUF, 413));
    corpus.add(new Hostile("no write key", valid, Map.of("Content-Type", PROTOBUF), 401));
    corpus.add(new Hostile("unknown bearer key", valid, Map.of("Content-Type", PROTOBUF, "Authorization",
        "Bearer nope"), 401));
    corpus.add(new Hostile("empty bearer", valid, Map.of("Content-Type", PROTOBUF, "Authorization", "Bearer "), 401));
    corpus.add(new Hostile("unknown Basic key", valid, Map.of("Content-Type", PROTOBUF, "Authorization",
        TestServer.basic("nope")), 401));

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
      for (String refused : List.of("hostile-deep", "hostile-deep-json", "hostile-huge")) {
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

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
