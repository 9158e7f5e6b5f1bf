package dev.parley.server.otlp;

import static dev.parley.server.otlp.CopilotTraces.A1;
import static dev.parley.server.otlp.CopilotTraces.A2;
import static dev.parley.server.otlp.CopilotTraces.A3;
import static dev.parley.server.otlp.CopilotTraces.CONVERSATION;
import static dev.parley.server.otlp.CopilotTraces.Q1;
import static dev.parley.server.otlp.CopilotTraces.Q2;
import static dev.parley.server.otlp.CopilotTraces.Q3;
import static dev.parley.server.otlp.CopilotTraces.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenTelemetry's Java SDK exports a copilot conversation traced with the GenAI conventions
 * ({@link CopilotTraces}) over OTLP/HTTP, in protobuf and in JSON; another server takes the same
 * conversation as Segment events. The summary and the transcript are the same; an exporter's
 * retry stores nothing twice.
 */
class OtlpExporterEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(OtlpClients.Wire.class)
  void genAiSpansBecomeTheConversationSegmentEventsWouldMake(OtlpClients.Wire wire) throws Exception {
    Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    try (TestServer otlp = TestServer.start(dir.resolve("otlp")); TestServer segment = TestServer.start(dir.resolve("segment"))) {
      OtlpClients.Recorder recorder = new OtlpClients.Recorder();
      OtlpHttpSpanExporter exporter = OtlpClients.exporter(otlp, wire);
      SdkTracerProvider provider = OtlpClients.provider(exporter, recorder);
      CopilotTraces.play(provider.get("dev.parley.test.copilot", "1.0"), t0);
      assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("the export succeeded").isTrue();

      assertThat(segment.post("/v1/batch", Messages.batch(segmentEvents(recorder, t0))).statusCode()).isEqualTo(200);
      String window = "?from=" + t0.minus(1, ChronoUnit.DAYS) + "&to=" + t0.plus(1, ChronoUnit.DAYS);
      JsonNode summary = TestServer.json(otlp.get("/api/v1/summary" + window).body());
      assertThat(summary).isEqualTo(TestServer.json(segment.get("/api/v1/summary" + window).body()));
      assertThat(summary.get("conversations").asInt()).isEqualTo(1);
      assertThat(summary.get("messagesSent").asInt()).isEqualTo(4);
      assertThat(summary.get("messagesReceived").asInt()).isEqualTo(4);
      assertThat(summary.at("/responseLatencyMs/p50").asDouble()).isPositive();
      assertThat(summary.at("/tokens/input").asLong()).isEqualTo(120 + 210 + 30 + 300);
      assertThat(summary.get("actions").toString()).contains("search_stocks");
      assertThat(summary.get("violations").asInt()).isZero();

      JsonNode transcript = transcript(otlp);
      assertThat(transcript).isEqualTo(transcript(segment));
      assertThat(transcript.get("events")).hasSize(10);
      assertThat(transcript.at("/events/2/event").asText()).isEqualTo("Message Received");
      assertThat(transcript.at("/events/2/actions/0/action").asText()).as("the tool call belongs to the agent's reply")
          .isEqualTo("search_stocks");
      assertThat(transcript.at("/events/6/media/0/type").asText()).isEqualTo("image");

      assertThat(exporter.export(recorder.spans()).join(30, TimeUnit.SECONDS).isSuccess()).as("a retried export").isTrue();
      assertThat(otlp.events(Map.of("conversationId", CONVERSATION))).as("stored once").hasSize(10);
      Metrics metrics = otlp.server().collector().metrics();
      assertThat(metrics.counter("parley_otlp_spans_total", "outcome=\"no_conversation\"")).isEqualTo(2);
      assertThat(metrics.counter("parley_otlp_spans_total", "outcome=\"inner\"")).isEqualTo(2);
      assertThat(metrics.counter("parley_otlp_spans_total", "outcome=\"ignored\"")).isEqualTo(2);
      assertThat(metrics.counter("parley_otlp_spans_total", "outcome=\"mapped\"")).isEqualTo(10);
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** The conversation as a Segment client would send it, with the ids the spans derive. */
  private static List<ObjectNode> segmentEvents(OtlpClients.Recorder recorder, Instant t0) {
    SpanData agent = recorder.named("invoke_agent Copilot");
    SpanData second = recorder.spans().stream().filter(s -> s.getName().equals("chat gpt-4o")
        && s.getAttributes().asMap().keySet().stream().anyMatch(k -> k.getKey().equals("session.id"))).findFirst()
        .orElseThrow();
    SpanData third = recorder.named("chat gpt-image");
    SpanData fourth = recorder.named("chat gpt-4o-mini");
    List<ObjectNode> events = new ArrayList<>();
    events.add(sent(agent, t0.plusSeconds(1), Q1));
    events.add(received(agent, t0.plusMillis(2500), A1, "gpt-4o-2024-08-06", 120, 45).put("finish_reason", "stop")
        .put("provider", "openai").put("role", "ai_agent"));
    ObjectNode action = track("Action Invoked", recorder.named("execute_tool search_stocks"), "tool",
        t0.plusMillis(1600)).put("messageId", chatId(agent, "assistant")).put("type", "tool")
        .put("action", "search_stocks").put("role", "ai_agent").put("tool_type", "function").put("tool_call_id", "call_1");
    events.add(action);
    events.add(sent(second, t0.plusSeconds(20), Q2));
    events.add(received(second, t0.plusMillis(21_200), A2, "gpt-4o-2024-08-06", 210, 12).put("finish_reason", "stop")
        .put("provider", "openai"));
    events.add(sent(third, t0.plusSeconds(40), Q3));
    events.add(received(third, t0.plusSeconds(43), A3, "gpt-image-1", 30, 1000).put("provider", "openai"));
    events.add(track("Media Generated", third, "media-0", t0.plusSeconds(43)).put("messageId", chatId(third, "assistant"))
        .put("type", "image").put("sub_type", "unspecified").put("role", "ai_agent"));
    events.add(sent(fourth, t0.plusSeconds(60), "[NOT CAPTURED]").put("message_body_captured", false));
    events.add(received(fourth, t0.plusMillis(60_800), "[NOT CAPTURED]", "gpt-4o-mini", 300, 20)
        .put("message_body_captured", false));
    List<ObjectNode> messages = new ArrayList<>();
    events.forEach(properties -> messages.add((ObjectNode) properties.get("$message")));
    events.forEach(properties -> properties.remove("$message"));
    return messages;
  }

  private static ObjectNode sent(SpanData span, Instant at, String text) {
    return track("Message Sent", span, "user", at).put("messageId", chatId(span, "user")).put("message_body", text)
        .put("role", "customer");
  }

  private static ObjectNode received(SpanData span, Instant at, String text, String model, long in, long out) {
    return track("Message Received", span, "assistant", at).put("messageId", chatId(span, "assistant"))
        .put("message_body", text).put("role", "ai_agent").put("model", model).put("input_tokens", in)
        .put("output_tokens", out);
  }

  /** A track message; answers its properties (the message itself under "$message" until collected). */
  private static ObjectNode track(String event, SpanData span, String what, Instant at) {
    ObjectNode m = JSON.createObjectNode().put("type", "track").put("event", event).put("userId", USER)
        .put("messageId", "segment-" + chatId(span, what)).put("timestamp", at.toString());
    ObjectNode properties = m.putObject("properties").put("conversationId", CONVERSATION);
    properties.set("$message", m);
    return properties;
  }

  private static String chatId(SpanData span, String what) {
    return span.getTraceId() + "-" + span.getSpanId() + "-" + what;
  }

  /** The transcript without what differs between two servers: seq numbers and the stored envelope's own fields. */
  private static JsonNode transcript(TestServer server) {
    JsonNode transcript = TestServer.json(server.get("/api/v1/conversations/" + CONVERSATION).body());
    for (JsonNode event : transcript.get("events")) {
      ObjectNode e = (ObjectNode) event;
      e.remove("seq");
      JsonNode message = e.get("message");
      ObjectNode kept = e.putObject("message");
      for (String field : List.of("event", "userId", "anonymousId", "timestamp", "properties")) {
        if (message.has(field)) {
          kept.set(field, message.get(field));
        }
      }
      for (String list : List.of("actions", "media", "components", "feedback")) {
        if (e.get(list) instanceof ArrayNode items) {
          items.forEach(item -> ((ObjectNode) item).remove("seq"));
        }
      }
    }
    removeSeq(transcript);
    return transcript;
  }

  private static void removeSeq(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (name.toLowerCase().endsWith("seq")) {
          it.remove();
        }
      }
      object.forEach(OtlpExporterEndToEndTest::removeSeq);
    } else if (node instanceof ArrayNode array) {
      array.forEach(OtlpExporterEndToEndTest::removeSeq);
    }
  }
}
