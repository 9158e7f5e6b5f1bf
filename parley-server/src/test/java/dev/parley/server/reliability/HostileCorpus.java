package dev.parley.server.reliability;

import static dev.parley.server.reliability.HostileRequest.Expect.CLIENT_ERROR;
import static dev.parley.server.reliability.HostileRequest.Expect.NOT_SERVER_ERROR;
import static dev.parley.server.reliability.HostileRequest.batch;
import static dev.parley.server.reliability.HostileRequest.head;
import static dev.parley.server.reliability.HostileRequest.post;

import dev.parley.server.otlp.OtlpHostileCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Over 200 requests no collector should accept as they are, or at least never answer 5xx. */
final class HostileCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private int ids;

  private HostileCorpus() {}

  static List<HostileRequest> all() {
    HostileCorpus c = new HostileCorpus();
    List<HostileRequest> all = new ArrayList<>();
    all.addAll(c.truncated());
    all.addAll(c.invalidJson());
    all.addAll(c.wrongTypes());
    all.addAll(c.extremes());
    all.addAll(c.encodings());
    all.addAll(c.transport());
    all.addAll(c.pathsAndMethods());
    all.addAll(otlp());
    return all;
  }

  /** The OTLP exports of {@link OtlpHostileCorpus}, each of which must be answered 4xx. */
  private static List<HostileRequest> otlp() {
    List<HostileRequest> list = new ArrayList<>();
    for (OtlpHostileCorpus.Hostile export : OtlpHostileCorpus.all()) {
      List<String> headers = new ArrayList<>();
      export.headers().forEach((name, value) -> headers.add(name + ": " + value));
      if (!export.headers().containsKey("Authorization")) {
        headers.add("X-No-Auth: 1");
      }
      list.add(post("OTLP: " + export.name(), "/v1/traces", export.body(), CLIENT_ERROR, headers.toArray(String[]::new)));
    }
    return list;
  }

  /** A valid Message Sent with the next hostile messageId, as JSON text. */
  private String message(String extraProperties) {
    return "{\"type\":\"track\",\"event\":\"Message Sent\",\"userId\":\"hostile-user\",\"messageId\":\"hostile-"
        + (ids++) + "\",\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"properties\":{\"conversationId\":\"hc\","
        + "\"messageId\":\"hm\",\"message_body\":\"hello\",\"role\":\"customer\"" + extraProperties + "}}";
  }

  private String validBatch() {
    return "{\"batch\":[" + message("") + "," + message(",\"locale\":\"en\"") + "," + message("")
        + "],\"sentAt\":\"2026-11-20T10:00:01.000Z\",\"context\":{\"library\":{\"name\":\"x\"}}}";
  }

  private List<HostileRequest> truncated() {
    List<HostileRequest> list = new ArrayList<>();
    String body = validBatch();
    for (int i = 0; i < 40; i++) {
      int cut = (int) ((long) body.length() * i / 40);
      list.add(batch("truncated at " + cut, body.substring(0, cut), CLIENT_ERROR));
    }
    return list;
  }

  private List<HostileRequest> invalidJson() {
    List<HostileRequest> list = new ArrayList<>();
    String m = message("");
    for (String bad : List.of("{", "}", "[]", "\"batch\"", "123", "null", "true", "   ", "{\"batch\":[}",
        "{\"batch\":[1,]}", "{'batch':[]}", "{batch:[]}", "{\"batch\":[{\"type\":\"track\",}]}", "{\"a\":1}{\"b\":2}",
        "{\"batch\":[" + m + "]}garbage", "NaN", "/* c */ {\"batch\":[]}", "{\"batch\":\"[]\"}", "{\"batch\":{}}",
        "{\"batch\":null}", "{\"batch\":[null]}", "{\"batch\":[[]]}", "{\"batch\":[\"x\"]}", "{\"batch\":[1]}",
        "{\"batch\":[{}]}", "{\"batch\":[{\"type\":\"nope\",\"userId\":\"u\",\"messageId\":\"hostile-t\"}]}",
        "{\"batch\":[{\"type\":\"track\",\"event\":\"E\",\"messageId\":\"hostile-noid\"}]}",
        "{\"batch\":[" + m.replace("\"hello\"", "NaN") + "]}", "{\"batch\":[" + m.replace("\"hello\"", "01") + "]}",
        "{\"batch\":[" + m.replace("\"hello\"", "'hello'") + "]}", "{\"batch\":[" + m.replace("\"hello\"", "hello")
            + "]}", "{\"batch\":[" + m + "," + "]}")) {
      list.add(batch("invalid JSON " + abbreviate(bad), bad, CLIENT_ERROR));
    }
    list.add(post("track body that is an array", "/v1/track", "[" + message("") + "]", CLIENT_ERROR));
    list.add(post("track body that is a number", "/v1/track", "42", CLIENT_ERROR));
    list.add(batch("empty batch", "{\"batch\":[]}", NOT_SERVER_ERROR));
    return list;
  }

  /** Every field of a message and of a batch replaced by each JSON type in turn. */
  private List<HostileRequest> wrongTypes() {
    List<HostileRequest> list = new ArrayList<>();
    List<String> values = List.of("123", "1.5", "true", "null", "[]", "{}", "\"text\"");
    List<String> messageFields = List.of("type", "userId", "anonymousId", "event", "timestamp", "sentAt",
        "originalTimestamp", "properties", "context", "integrations", "traits", "previousId", "action");
    List<String> propertyFields = List.of("conversationId", "messageId", "role", "message_body", "rating",
        "message_count", "type", "action", "sub_type");
    for (String field : messageFields) {
      for (String value : values) {
        ObjectNode m = (ObjectNode) readTree(message(""));
        m.set(field, readTree(value));
        list.add(batch("message." + field + " = " + value, "{\"batch\":[" + m + "]}", NOT_SERVER_ERROR));
      }
    }
    for (String field : propertyFields) {
      for (String value : values) {
        String m = message("").replace("\"properties\":{", "\"properties\":{\"" + field + "\":" + value + ",");
        list.add(batch("properties." + field + " = " + value, "{\"batch\":[" + m + "]}", NOT_SERVER_ERROR));
      }
    }
    for (String field : List.of("context", "integrations", "sentAt", "writeKey")) {
      for (String value : values) {
        list.add(batch("batch." + field + " = " + value, "{\"" + field + "\":" + value + ",\"batch\":[" + message("")
            + "]}", NOT_SERVER_ERROR));
      }
    }
    return list;
  }

  private List<HostileRequest> extremes() {
    List<HostileRequest> list = new ArrayList<>();
    list.add(batch("arrays nested 10,000 deep", "{\"batch\":[" + message(",\"deep\":" + "[".repeat(10_000)
        + "]".repeat(10_000)) + "]}", CLIENT_ERROR));
    list.add(batch("objects nested 10,000 deep", "{\"batch\":[" + message(",\"deep\":" + "{\"a\":".repeat(10_000)
        + "1" + "}".repeat(10_000)) + "]}", CLIENT_ERROR));
    list.add(post("track nested 10,000 deep", "/v1/track", "[".repeat(10_000) + "]".repeat(10_000), CLIENT_ERROR));
    list.add(batch("open arrays 10,000 deep, never closed", "{\"batch\":" + "[".repeat(10_000), CLIENT_ERROR));
    list.add(batch("a 40 KB message body", "{\"batch\":[" + message(",\"long\":\"" + "x".repeat(40_000) + "\"")
        + "]}", CLIENT_ERROR));
    list.add(post("a 40 KB track", "/v1/track", message(",\"long\":\"" + "y".repeat(40_000) + "\""), CLIENT_ERROR));
    list.add(batch("a 600 KB batch", "{\"batch\":[" + (message("") + ",").repeat(2_300) + message("") + "]}",
        CLIENT_ERROR));
    list.add(batch("2,501 messages", "{\"batch\":[" + "{},".repeat(2_500) + "{}]}", CLIENT_ERROR));
    // The batch's context is copied into each message: 150 KB of it over 1,000 messages would be 150 MB.
    list.add(batch("a 150 KB batch context over 1,000 messages", "{\"batch\":[" + (message("") + ",").repeat(999)
        + message("") + "],\"context\":{\"pad\":\"" + "c".repeat(150_000) + "\"}}", CLIENT_ERROR));
    list.add(batch("an unpaired surrogate escape in the messageId", "{\"batch\":[" + message("")
        .replaceFirst("hostile-(\\d+)", "hostile-$1-\\\\udbff") + "]}", CLIENT_ERROR));
    list.add(batch("an e-mail-shaped 31 KB word", "{\"batch\":[" + message(",\"note\":\"" + "a".repeat(31_000)
        + "@a .\"") + "]}", NOT_SERVER_ERROR));
    list.add(batch("a 100-character messageId", "{\"batch\":[" + message("").replaceFirst("hostile-\\d+",
        "hostile-" + "9".repeat(92)) + "]}", CLIENT_ERROR));
    list.add(batch("a number of 2,000 digits", "{\"batch\":[" + message(",\"n\":" + "9".repeat(2_000)) + "]}",
        CLIENT_ERROR));
    list.add(batch("a 20 KB key", "{\"batch\":[" + message(",\"" + "k".repeat(20_000) + "\":1") + "]}",
        NOT_SERVER_ERROR));
    list.add(batch("a 30 KB userId", "{\"batch\":[" + message("").replace("\"hostile-user\"",
        "\"" + "u".repeat(30_000) + "\"") + "]}", NOT_SERVER_ERROR));
    for (String number : List.of("1e999999", "-1e999999", "1e-999999", "99999999999999999999999",
        "-99999999999999999999999", "1.7976931348623157e309", "-0.0", "4.9e-325")) {
      list.add(batch("rating " + number, "{\"batch\":[" + message(",\"rating\":" + number) + "]}",
          NOT_SERVER_ERROR));
      list.add(batch("message_count " + number, "{\"batch\":[" + message(",\"message_count\":" + number) + "]}",
          NOT_SERVER_ERROR));
    }
    list.add(batch("timestamp in year 999999999", "{\"batch\":[" + message("").replace("2026-11-20T10:00:00.000Z",
        "+999999999-12-31T23:59:59Z") + "]}", NOT_SERVER_ERROR));
    list.add(batch("timestamp in year -290000", "{\"batch\":[" + message("").replace("2026-11-20T10:00:00.000Z",
        "-290000-01-01T00:00:00Z") + "]}", NOT_SERVER_ERROR));
    list.add(batch("sentAt in year 999999999", "{\"sentAt\":\"+999999999-12-31T23:59:59Z\",\"batch\":["
        + message("") + "]}", NOT_SERVER_ERROR));
    list.add(batch("timestamp that is not a time", "{\"batch\":[" + message("").replace("2026-11-20T10:00:00.000Z",
        "yesterday") + "]}", NOT_SERVER_ERROR));
    return list;
  }

  private List<HostileRequest> encodings() {
    List<HostileRequest> list = new ArrayList<>();
    String m = message("");
    byte[][] badUtf8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80,
        (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80,
        (byte) 0x80}};
    for (byte[] bad : badUtf8) {
      list.add(post("invalid UTF-8 " + hex(bad), "/v1/batch", splice("{\"batch\":[" + m.replace("hello", "he@@llo")
          + "]}", bad), CLIENT_ERROR));
    }
    list.add(post("invalid UTF-8 at the very end", "/v1/batch", splice("{\"batch\":[" + m + "]}@@", new byte[] {
        (byte) 0xC3}), CLIENT_ERROR));
    for (String escaped : List.of("\\uD800", "\\uDC00x", "\\uD800\\uD800", "\\u0000", "a\\u0000b")) {
      list.add(batch("message_body " + escaped, "{\"batch\":[" + message("").replace("hello", escaped) + "]}",
          NOT_SERVER_ERROR));
      list.add(batch("userId " + escaped, "{\"batch\":[" + message("").replace("hostile-user", escaped) + "]}",
          NOT_SERVER_ERROR));
      list.add(batch("event name " + escaped, "{\"batch\":[" + message("").replace("Message Sent", escaped) + "]}",
          NOT_SERVER_ERROR));
      list.add(batch("property name " + escaped, "{\"batch\":[" + message(",\"" + escaped + "\":1") + "]}",
          NOT_SERVER_ERROR));
      list.add(batch("conversationId " + escaped, "{\"batch\":[" + message("").replace("\"hc\"",
          "\"" + escaped + "\"") + "]}", NOT_SERVER_ERROR));
    }
    list.add(post("messageId with NUL", "/v1/batch", "{\"batch\":[" + message("").replaceFirst("hostile-(\\d+)",
        "hostile-$1\\\\u0000") + "]}", NOT_SERVER_ERROR));
    list.add(post("raw NUL in a string", "/v1/batch", splice("{\"batch\":[" + m.replace("hello", "he@@llo") + "]}",
        new byte[] {0}), CLIENT_ERROR));
    list.add(post("raw NUL between tokens", "/v1/batch", splice("{\"batch\":@@[" + m + "]}", new byte[] {0}),
        CLIENT_ERROR));
    for (String dup : List.of("{\"batch\":[" + message("").replace("{\"type\":\"track\",",
            "{\"type\":\"track\",\"type\":\"identify\",") + "]}",
        "{\"batch\":[" + message("") + "],\"batch\":[" + message("") + "]}",
        "{\"batch\":[" + message(",\"role\":\"agent\"") + "]}",
        "{\"batch\":[" + message("").replace("\"userId\":\"hostile-user\"",
            "\"userId\":\"a\",\"userId\":\"b\"") + "]}")) {
      list.add(batch("duplicate keys " + abbreviate(dup), dup, NOT_SERVER_ERROR));
    }
    for (String type : List.of("", "text/plain", "application/xml", "multipart/form-data; boundary=x", ";;;",
        "application/json; charset=latin1")) {
      String[] headers = type.isEmpty() ? new String[0] : new String[] {"Content-Type: " + type};
      list.add(post("Content-Type '" + type + "'", "/v1/batch", "{\"batch\":[" + message("") + "]}",
          NOT_SERVER_ERROR, headers));
    }
    list.add(post("gzip header on plain JSON", "/v1/batch", validBatch(), CLIENT_ERROR, "Content-Encoding: gzip"));
    list.add(post("unknown Content-Encoding", "/v1/batch", validBatch(), CLIENT_ERROR, "Content-Encoding: br"));
    byte[] gz = gzip(validBatch().getBytes(StandardCharsets.UTF_8));
    list.add(post("truncated gzip", "/v1/batch", java.util.Arrays.copyOf(gz, gz.length / 2), CLIENT_ERROR,
        "Content-Encoding: gzip"));
    list.add(post("gzip bomb of 20 MB of spaces", "/v1/batch", gzip(("{\"batch\":[" + " ".repeat(20_000_000) + "]}")
        .getBytes(StandardCharsets.UTF_8)), CLIENT_ERROR, "Content-Encoding: gzip"));
    return list;
  }

  private List<HostileRequest> transport() {
    List<HostileRequest> list = new ArrayList<>();
    byte[] valid = ("{\"batch\":[" + message("") + "]}").getBytes(StandardCharsets.UTF_8);
    list.add(new HostileRequest("slow body, 16 bytes every 10 ms", head("POST", "/v1/batch", valid.length), valid,
        16, 10, false, NOT_SERVER_ERROR));
    byte[] stalled = ("{\"batch\":[" + message("") + "]}").getBytes(StandardCharsets.UTF_8);
    list.add(new HostileRequest("body cut off before its Content-Length", head("POST", "/v1/batch",
        stalled.length + 500), stalled, stalled.length, 0, true, CLIENT_ERROR));
    list.add(new HostileRequest("Content-Length shorter than the body", head("POST", "/v1/batch", 10), valid,
        valid.length, 0, false, CLIENT_ERROR));
    byte[] big = ("{\"batch\":[" + (message("") + ",").repeat(3_000) + message("") + "]}").getBytes(
        StandardCharsets.UTF_8);
    list.add(new HostileRequest("Content-Length of 100 under an oversize body", head("POST", "/v1/batch", 100), big,
        big.length, 0, false, CLIENT_ERROR));
    list.add(new HostileRequest("Content-Length of 10^12 over a small body", head("POST", "/v1/batch",
        1_000_000_000_000L), valid, valid.length, 0, true, CLIENT_ERROR));
    list.add(new HostileRequest("Content-Length of 10^12 over an oversize body", head("POST", "/v1/batch",
        1_000_000_000_000L), big, 64 * 1024, 0, true, CLIENT_ERROR));
    list.add(new HostileRequest("negative Content-Length", head("POST", "/v1/batch", -1, "Content-Length: -1"),
        valid, valid.length, 0, false, CLIENT_ERROR));
    list.add(new HostileRequest("Content-Length that is not a number", head("POST", "/v1/batch", -1,
        "Content-Length: abc"), valid, valid.length, 0, false, CLIENT_ERROR));
    list.add(new HostileRequest("two different Content-Lengths", head("POST", "/v1/batch", -1,
        "Content-Length: 5", "Content-Length: " + valid.length), valid, valid.length, 0, false, CLIENT_ERROR));
    list.add(new HostileRequest("chunked oversize body", head("POST", "/v1/batch", -1,
        "Transfer-Encoding: chunked"), chunked(big), 64 * 1024, 0, false, CLIENT_ERROR));
    list.add(new HostileRequest("broken chunked encoding", head("POST", "/v1/batch", -1,
        "Transfer-Encoding: chunked"), "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8), 100, 0, false,
        CLIENT_ERROR));
    list.add(new HostileRequest("no write key", head("POST", "/v1/batch", valid.length, "X-No-Auth: 1"), valid,
        valid.length, 0, false, CLIENT_ERROR));
    for (String auth : List.of("Basic d3Jvbmc6", "Basic !!!", "Bearer test-write-key", "Basic ", "Digest x")) {
      list.add(new HostileRequest("Authorization '" + auth + "'", head("POST", "/v1/batch", valid.length,
          "Authorization: " + auth), valid, valid.length, 0, false, CLIENT_ERROR));
    }
    list.add(new HostileRequest("100 KB header", head("POST", "/v1/batch", valid.length, "X-Big: "
        + "h".repeat(100_000)), valid, valid.length, 0, false, CLIENT_ERROR));
    return list;
  }

  private List<HostileRequest> pathsAndMethods() {
    List<HostileRequest> list = new ArrayList<>();
    byte[] valid = ("{\"batch\":[" + message("") + "]}").getBytes(StandardCharsets.UTF_8);
    for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "TRACE", "BREW", "CONNECT")) {
      list.add(new HostileRequest(method + " /v1/batch", head(method, "/v1/batch", valid.length), valid,
          valid.length, 0, false, CLIENT_ERROR));
    }
    for (String path : List.of("/v1/nope", "/v2/batch", "/", "/v1", "/v1/batch/extra", "/v1/../v1/batch/../../etc",
        "/%00", "/v1/%ZZ", "/" + "p".repeat(10_000), "/api/v1/nope", "/api/v1/events")) {
      list.add(new HostileRequest("POST " + abbreviate(path), head("POST", path, valid.length), valid, valid.length,
          0, false, CLIENT_ERROR));
    }
    list.add(new HostileRequest("POST /v1/batch?x=%ZZ (the query is ignored)", head("POST", "/v1/batch?x=%ZZ",
        valid.length), valid, valid.length, 0, false, NOT_SERVER_ERROR));
    return list;
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] splice(String text, byte[] bytes) {
    int at = text.indexOf("@@");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bytes);
    out.writeBytes(text.substring(at + 2).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] chunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < body.length; i += 8192) {
      int n = Math.min(8192, body.length - i);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02X", b & 0xFF));
    }
    return s.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
