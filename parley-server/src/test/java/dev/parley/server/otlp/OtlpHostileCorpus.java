package dev.parley.server.otlp;

import static dev.parley.server.otlp.OtlpRequests.attribute;
import static dev.parley.server.otlp.OtlpRequests.chat;
import static dev.parley.server.otlp.OtlpRequests.gzip;
import static dev.parley.server.otlp.OtlpRequests.request;

import dev.parley.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP exports no exporter should send, each with the one status it must get: malformed
 * protobuf and JSON, wrong content types and encodings, huge and deeply nested attribute values,
 * missing or unknown keys. {@code OtlpHostileInputTest} sends them one by one; the reliability
 * suite's hostile corpus sends them among the Segment requests over raw sockets. Spans whose
 * conversation starts with {@code hostile-deep} or {@code hostile-huge} must never be stored.
 */
public final class OtlpHostileCorpus {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  /** One export: what is sent, and the status it must be answered. */
  public record Hostile(String name, byte[] body, Map<String, String> headers, int expected) {}

  private OtlpHostileCorpus() {}

  /** A valid protobuf export of one chat span in conversation {@code hostile-ok}. */
  public static byte[] valid() {
    return request(chat("hostile-ok", 0, attribute("gen_ai.input.messages", "hello"))).toByteArray();
  }

  /** A valid JSON export of one chat span in conversation {@code hostile-ok-json}. */
  public static String validJson() {
    return OtlpRequests.json(request(chat("hostile-ok-json", 0)));
  }

  /** The conversations of exports that must be refused whole. */
  public static List<String> refusedConversations() {
    return List.of("hostile-deep", "hostile-deep-json", "hostile-huge");
  }

  /** Every hostile export. */
  public static List<Hostile> all() {
    byte[] valid = valid();
    String validJson = validJson();
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
    return corpus;
  }

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
}
