package dev.parley.bench.load;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same chat turns in the two forms the collector takes: a Segment batch with a Message Sent
 * and a Message Received per turn (model and token counts on the reply), or an OTLP export with
 * one GenAI chat span per turn (the question in {@code gen_ai.input.messages}, the answer in
 * {@code gen_ai.output.messages}), which the collector turns into the same two events. A
 * conversation has four turns; every turn has new ids.
 */
final class ChatTurns {
  private static final long T0_NANOS = 1_795_000_000_000_000_000L;
  private static final List<String> QUESTIONS = List.of(
      "Can you summarise my last three orders and tell me which one has not shipped yet, with the tracking number?",
      "I was charged twice for the same subscription this month. Please refund one of the charges.",
      "How do I reset my password?");
  private static final List<String> ANSWERS = List.of(
      "Your order #4412 shipped on Monday (tracking 1Z999AA10123456784); #4413 and #4419 are still being packed.",
      "I'm sorry about the double charge. I've opened refund request R-20931; refunds take 5 to 10 business days.",
      "Go to Settings, then Security, then choose Reset password. We'll e-mail you a link that is valid for an hour.");

  private final String runId;
  private final AtomicLong next = new AtomicLong();

  ChatTurns(String runId) {
    this.runId = runId;
  }

  /** Segment batches of {@code size} turns: two events a turn. */
  RequestSource segment() {
    return new RequestSource() {
      @Override
      public String path() {
        return "/v1/batch";
      }

      @Override
      public String contentType() {
        return "application/json";
      }

      @Override
      public byte[] body(int size) {
        return segmentBatch(size).getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public long eventsIn(int size) {
        return 2L * size;
      }
    };
  }

  /** OTLP/HTTP protobuf exports of {@code size} chat spans: two events a span. */
  RequestSource otlp() {
    return new RequestSource() {
      @Override
      public String path() {
        return "/v1/traces";
      }

      @Override
      public String contentType() {
        return "application/x-protobuf";
      }

      @Override
      public byte[] body(int size) {
        return otlpExport(size).toByteArray();
      }

      @Override
      public long eventsIn(int size) {
        return 2L * size;
      }
    };
  }

  String segmentBatch(int turns) {
    StringBuilder b = new StringBuilder(turns * 900 + 64).append("{\"batch\":[");
    long first = next.getAndAdd(turns);
    for (int i = 0; i < turns; i++) {
      long n = first + i;
      long start = T0_NANOS + n * 1_000_000_000L;
      if (i > 0) {
        b.append(',');
      }
      message(b, n, "s", "Message Sent", start, QUESTIONS.get(topic(n)), "customer", "");
      b.append(',');
      message(b, n, "r", "Message Received", start + 1_200_000_000L, ANSWERS.get(topic(n)), "ai_agent",
          ",\"model\":\"gpt-bench\",\"input_tokens\":" + (40 + n % 50) + ",\"output_tokens\":" + (60 + n % 80));
    }
    return b.append("]}").toString();
  }

  private void message(StringBuilder b, long n, String role, String event, long nanos, String body, String roleName,
      String extra) {
    b.append("{\"type\":\"track\",\"messageId\":\"").append(runId).append('-').append(n).append(role)
        .append("\",\"userId\":\"user-").append(conversation(n) % 5000).append("\",\"timestamp\":\"")
        .append(java.time.Instant.ofEpochSecond(0, nanos)).append("\",\"event\":\"").append(event)
        .append("\",\"properties\":{\"conversationId\":\"").append(conversationId(n)).append("\",\"messageId\":\"")
        .append(runId).append("-m").append(n).append(role).append("\",\"message_body\":\"").append(body)
        .append("\",\"role\":\"").append(roleName).append('"').append(extra).append("}}");
  }

  ExportTraceServiceRequest otlpExport(int turns) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long first = next.getAndAdd(turns);
    for (int i = 0; i < turns; i++) {
      long n = first + i;
      long start = T0_NANOS + n * 1_000_000_000L;
      scope.addSpans(Span.newBuilder().setName("chat gpt-bench").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
          .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(runId.hashCode() | 1L).putLong(n).array()))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n + 1).array()))
          .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 1_200_000_000L)
          .addAttributes(text("gen_ai.operation.name", "chat"))
          .addAttributes(text("gen_ai.conversation.id", conversationId(n)))
          .addAttributes(text("user.id", "user-" + conversation(n) % 5000))
          .addAttributes(text("gen_ai.request.model", "gpt-bench"))
          .addAttributes(text("gen_ai.response.model", "gpt-bench"))
          .addAttributes(number("gen_ai.usage.input_tokens", 40 + n % 50))
          .addAttributes(number("gen_ai.usage.output_tokens", 60 + n % 80))
          .addAttributes(text("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\""
              + QUESTIONS.get(topic(n)) + "\"}]}]"))
          .addAttributes(text("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\","
              + "\"content\":\"" + ANSWERS.get(topic(n)) + "\"}],\"finish_reason\":\"stop\"}]")));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(text("service.name", "bench-copilot")))
        .addScopeSpans(scope)).build();
  }

  private static long conversation(long turn) {
    return turn / 4;
  }

  private String conversationId(long turn) {
    return runId + "-c" + conversation(turn);
  }

  private static int topic(long turn) {
    return (int) (conversation(turn) % QUESTIONS.size());
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue number(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }
}
