package dev.parley.springai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.server.testing.TestServer;
import dev.parley.springai.testing.OtelObservations;
import dev.parley.springai.testing.OtelObservations.Export;
import dev.parley.springai.testing.ScriptedChatModel;
import dev.parley.springai.testing.SteppedClock;
import dev.parley.springai.testing.Transcripts;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * One ChatClient conversation of three turns (a tool run, a plain answer, a tool run again) over a
 * model that observes its calls as Spring AI's provider models do, with {@link ParleyAdvisor} and
 * {@link ParleyObservationFilter} both in place. The advisor sends the conversation through the
 * Parley SDK to one collector; Spring AI's own observations become spans (Micrometer Tracing's
 * OpenTelemetry bridge) that OpenTelemetry's OTLP exporter sends to another. Time is a stepped
 * clock that only the model's answers, the tool and the user's pauses move, read by the SDK and
 * by OpenTelemetry alike.
 *
 * <p>The two collectors give the same summary, transcript and reply latencies, but for what only
 * one path can know: Conversation Started (and so {@code conversationsStarted} and
 * {@code abandoned}) only comes from the SDK, as do the advisor's {@code total_tokens},
 * {@code latency_ms}, {@code streaming} and the tool's {@code duration_ms} and {@code failed};
 * {@code provider} only from the spans; chat message ids are random in one and derived from span
 * ids in the other; an Action Invoked is stamped when the tool started in one and when the reply
 * was reported in the other.
 */
class SpringAiOtlpEndToEndTest {
  private static final String CONVERSATION = "c-otlp";
  private static final IdentityResolver USERS = conversationId -> Identity.userId("u-" + conversationId);
  /** Each model call's answer takes this long, in call order; each tool run 300 ms. */
  private static final List<Duration> MODEL_TIMES = List.of(Duration.ofMillis(700), Duration.ofMillis(900),
      Duration.ofMillis(450), Duration.ofMillis(1200), Duration.ofMillis(650));
  @TempDir Path dir;

  @ParameterizedTest(name = "message content captured: {0}")
  @ValueSource(booleans = {true, false})
  void spansGiveTheSummaryTranscriptAndLatenciesTheSdkGives(boolean captureContent) {
    ParleyObservationFilter filter = ParleyObservationFilter.builder().identityResolver(USERS)
        .captureContent(captureContent).build();
    play(Export.BATCHED, filter, run -> {
      JsonNode fromSpans = run.summary(run.otlp());
      JsonNode fromSdk = run.summary(run.sdk());
      assertThat(fromSpans.get("conversationsStarted").asInt()).as("no span starts a conversation").isZero();
      assertThat(fromSdk.get("conversationsStarted").asInt()).isEqualTo(1);
      assertThat(fromSpans.get("abandoned").asInt()).as("a conversation of spans is never abandoned").isZero();
      assertThat(withoutLifecycle(fromSpans)).isEqualTo(withoutLifecycle(fromSdk));
      assertThat(fromSpans.get("responseLatencyMs")).isEqualTo(fromSdk.get("responseLatencyMs"));
      assertThat(fromSpans.at("/responseLatencyMs/p50").asDouble()).as("700 + 300 + 900 ms, the middle reply")
          .isEqualTo(1900.0);
      assertThat(fromSpans.get("messagesSent").asInt()).isEqualTo(3);
      assertThat(fromSpans.get("messagesReceived").asInt()).isEqualTo(3);
      assertThat(fromSpans.get("actions").toString()).contains("\"stockPrice\"", "\"count\":2");
      assertThat(fromSpans.get("users").asInt()).isEqualTo(1);
      assertThat(fromSpans.get("violations").asInt()).isZero();

      JsonNode spanTranscript = Transcripts.comparable(run.transcript(run.otlp()), captureContent);
      assertThat(spanTranscript).isEqualTo(Transcripts.comparable(run.transcript(run.sdk()), captureContent));
      assertThat(spanTranscript.at("/messages/1/actions/0/action").asText()).as("the tool run belongs to the reply")
          .isEqualTo("stockPrice");
      assertThat(spanTranscript.at("/conversation/userId").asText()).isEqualTo("u-" + CONVERSATION);
      for (JsonNode message : run.transcript(run.otlp()).get("events")) {
        JsonNode properties = message.at("/message/properties");
        if (properties.has("message_body")) {
          assertThat(properties.get("message_body").asText().equals("[NOT CAPTURED]")).isEqualTo(!captureContent);
        }
      }
      if (captureContent) {
        assertThat(spanTranscript.at("/messages/0/properties/message_body").asText()).isEqualTo("What is ACME worth?");
        assertThat(spanTranscript.at("/messages/5/properties/message_body").asText()).isEqualTo("Answer: 42");
      }
      assertThat(run.spans("no_conversation")).isZero();
      assertThat(run.spans("mapped")).as("five model calls and two tool runs").isEqualTo(7);
    });
  }

  @Test
  void spansExportedOneByOneStillCarryTheirConversationAndText() {
    // No span has its parent or siblings in its export: the filter's attributes on each span are
    // all the collector has. The tool runs are counted but, with no reply beside them, attached to none.
    ParleyObservationFilter filter = ParleyObservationFilter.builder().identityResolver(USERS).captureContent(true)
        .build();
    play(Export.ONE_BY_ONE, filter, run -> {
      JsonNode fromSpans = run.summary(run.otlp());
      assertThat(withoutLifecycle(fromSpans)).isEqualTo(withoutLifecycle(run.summary(run.sdk())));
      assertThat(fromSpans.get("messagesSent").asInt()).isEqualTo(3);
      assertThat(fromSpans.at("/responseLatencyMs/p50").asDouble()).isEqualTo(1900.0);
    });
  }

  @Test
  void withoutTheFilterSpringAisSpansHaveNoConversationAndNothingIsStored() {
    play(Export.BATCHED, null, run -> {
      JsonNode fromSpans = run.summary(run.otlp());
      assertThat(fromSpans.get("conversations").asInt()).isZero();
      assertThat(fromSpans.get("messagesSent").asInt()).isZero();
      assertThat(run.spans("no_conversation")).as("five model calls and two tool runs").isEqualTo(7);
      assertThat(run.summary(run.sdk()).get("messagesSent").asInt()).isEqualTo(3);
    });
  }

  /** The two collectors after a conversation, and the window around it. */
  private record Run(TestServer otlp, TestServer sdk, Instant t0) {
    JsonNode summary(TestServer server) {
      String window = "?from=" + t0.minus(1, ChronoUnit.DAYS) + "&to=" + t0.plus(1, ChronoUnit.DAYS);
      return TestServer.json(server.get("/api/v1/summary" + window).body());
    }

    JsonNode transcript(TestServer server) {
      return TestServer.json(server.get("/api/v1/conversations/" + CONVERSATION).body());
    }

    long spans(String outcome) {
      return otlp.server().collector().metrics().counter("parley_otlp_spans_total", "outcome=\"" + outcome + "\"");
    }
  }

  /** Plays the conversation with {@code filter} (or none) on the registry, then hands both collectors to {@code check}. */
  private void play(Export export, ParleyObservationFilter filter, Consumer<Run> check) {
    Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    SteppedClock clock = new SteppedClock(t0);
    try (TestServer otlp = TestServer.start(dir.resolve("otlp")); TestServer sdk = TestServer.start(dir.resolve("sdk"));
        // One batch, sent when flushed: the collector corrects every timestamp of a batch by the same skew.
        CopilotAnalytics analytics = CopilotAnalytics.builder(TestServer.WRITE_KEY).endpoint(sdk.uri("/"))
            .clock(clock).flushAt(2500).flushInterval(Duration.ofHours(1)).build();
        OtelObservations tracing = new OtelObservations(otlp, clock, export)) {
      ParleyAdvisor advisor = ParleyAdvisor.builder(analytics).identityResolver(USERS).build();
      ObservationRegistry registry = tracing.registry();
      registry.observationConfig().observationHandler(advisor.toolObservationHandler());
      if (filter != null) {
        registry.observationConfig().observationFilter(filter);
      }
      ChatClient chat = chatClient(registry, advisor, clock);
      assertThat(ask(chat, "What is ACME worth?", new PriceTools(clock))).isEqualTo("Answer: 42");
      clock.advance(Duration.ofSeconds(20));
      assertThat(ask(chat, "Thanks! And yesterday?")).isEqualTo("No tools: Thanks! And yesterday?");
      clock.advance(Duration.ofSeconds(20));
      assertThat(ask(chat, "Check ACME again", new PriceTools(clock))).isEqualTo("Answer: 42");
      analytics.flush();
      assertThat(analytics.stats().failed()).isZero();
      tracing.flush();
      check.accept(new Run(otlp, sdk, t0));
    }
  }

  private static String ask(ChatClient chat, String text, Object... tools) {
    return chat.prompt().user(text).tools(tools).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, CONVERSATION))
        .call().content();
  }

  /** A ChatClient as an application builds one, with a system prompt, memory and the advisor. */
  private static ChatClient chatClient(ObservationRegistry registry, ParleyAdvisor advisor, SteppedClock clock) {
    Deque<Duration> times = new ArrayDeque<>(MODEL_TIMES);
    ToolCallingManager tools = ToolCallingManager.builder().observationRegistry(registry).build();
    ScriptedChatModel model = new ScriptedChatModel(tools, registry, prompt -> clock.advance(times.remove()));
    return ChatClient.builder(model, registry, null, null).defaultSystem("You are a trading copilot.")
        .defaultAdvisors(advisor, MessageChatMemoryAdvisor.builder(MessageWindowChatMemory.builder().build()).build())
        .build();
  }

  /** The summary without what only Segment's lifecycle events give: conversations started, and so abandoned. */
  private static JsonNode withoutLifecycle(JsonNode summary) {
    ObjectNode copy = summary.deepCopy();
    copy.remove(List.of("conversationsStarted", "abandoned"));
    return copy;
  }

  /** The conversation's tool: answers "42" after 300 ms of the stepped clock. */
  public static final class PriceTools {
    private final SteppedClock clock;

    PriceTools(SteppedClock clock) {
      this.clock = clock;
    }

    @Tool(description = "Looks up the price of a stock")
    public String stockPrice(@ToolParam(description = "the stock's ticker") String ticker) {
      clock.advance(Duration.ofMillis(300));
      return "42";
    }
  }
}
