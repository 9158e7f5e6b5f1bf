package dev.parley.server.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/** Export requests built with OpenTelemetry's generated classes, for tests of what clients may send. */
final class OtlpRequests {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicLong IDS = new AtomicLong(1);
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  private OtlpRequests() {}

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** A chat span of a conversation, with fresh ids, from T0 + {@code second} for one second. */
  static Span.Builder chat(String conversation, int second, KeyValue... more) {
    long id = IDS.getAndIncrement();
    Span.Builder span = Span.newBuilder().setName("chat m").setTraceId(ByteString.copyFrom(bytes(16, id)))
        .setSpanId(ByteString.copyFrom(bytes(8, id))).setStartTimeUnixNano(nanos(T0.plusSeconds(second)))
        .setEndTimeUnixNano(nanos(T0.plusSeconds(second + 1)))
        .addAttributes(attribute("gen_ai.operation.name", "chat"))
        .addAttributes(attribute("gen_ai.conversation.id", conversation));
    for (KeyValue kv : more) {
      span.addAttributes(kv);
    }
    return span;
  }

  static ExportTraceServiceRequest request(List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build();
  }

  static ExportTraceServiceRequest request(Span.Builder... spans) {
    return request(java.util.Arrays.stream(spans).map(Span.Builder::build).toList());
  }

  /** A key-value list nested {@code depth} deep. */
  static AnyValue nested(int depth) {
    AnyValue value = AnyValue.newBuilder().setStringValue("bottom").build();
    for (int i = 0; i < depth; i++) {
      value = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(attribute("k", value))).build();
    }
    return value;
  }

  /** The request in OTLP/JSON: protobuf's JSON mapping with hex trace and span ids, as exporters write it. */
  static String json(ExportTraceServiceRequest request) {
    try {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(JsonFormat.printer().print(request));
      for (JsonNode resourceSpans : tree.path("resourceSpans")) {
        for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
          for (JsonNode span : scopeSpans.path("spans")) {
            for (String id : List.of("traceId", "spanId", "parentSpanId")) {
              if (span.hasNonNull(id)) {
                ((ObjectNode) span).put(id, HexFormat.of().formatHex(Base64.getDecoder().decode(span.get(id).asText())));
              }
            }
          }
        }
      }
      return tree.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  private static byte[] bytes(int n, long id) {
    byte[] b = new byte[n];
    for (int i = 0; i < 8 && i < n; i++) {
      b[n - 1 - i] = (byte) (id >>> (8 * i));
    }
    b[0] = (byte) 0x5A; // never all zeros
    return b;
  }
}
