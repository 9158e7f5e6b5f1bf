package dev.parley.instrumentation;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.instrumentation.testing.CollectedAnalytics;
import dev.parley.sdk.Identity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReplyReporterTest {
  private static final List<ToolRun> TOOLS = List.of(
      ToolRun.observed("stockPrice", "{\"ticker\":\"ACME\"}", Optional.of(Duration.ofMillis(15)), false),
      ToolRun.observed("chart", null, Optional.empty(), true),
      ToolRun.unobserved("lookup", "{\"q\":\"ACME\"}"));
  private static final List<GeneratedMedia> MEDIA = List.of(new GeneratedMedia("image", "png", Map.of("source", "reply")));

  @RegisterExtension
  final CollectedAnalytics collected = new CollectedAnalytics();

  private final Guard guard = new Guard();

  private TrackedConversation start() {
    TrackedConversation tracked =
        new TrackedConversation(collected.analytics().startConversation(Identity.anonymousId("c-1"), "c-1"));
    tracked.messageSent("What is ACME worth?");
    return tracked;
  }

  private static ReplyReport reply(List<ToolRun> tools, List<GeneratedMedia> media) {
    return ReplyReport.builder("Answer: 42", Duration.ofMillis(250)).model("m-1").tokens(30, 12, 42)
        .finishReason("STOP").property("ai_service", "Assistant.chat").tools(tools).media(media).build();
  }

  private static JsonNode properties(JsonNode message) {
    return message.path("properties");
  }

  @Test
  void theReplyIsSentThenItsToolsThenItsMediaAllReferringToIt() {
    new ReplyReporter(false, guard).completed(start(), reply(TOOLS, MEDIA));

    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent", "Message Received",
        "Action Invoked", "Action Invoked", "Action Invoked", "Media Generated");
    JsonNode received = properties(messages.get(2));
    assertThat(received.path("message_body").asText()).isEqualTo("Answer: 42");
    assertThat(received.path("model").asText()).isEqualTo("m-1");
    assertThat(received.path("input_tokens").asInt()).isEqualTo(30);
    assertThat(received.path("output_tokens").asInt()).isEqualTo(12);
    assertThat(received.has("cost")).isFalse();
    assertThat(received.fieldNames()).toIterable().containsExactly("conversationId", "messageId", "message_body",
        "role", "model", "input_tokens", "output_tokens", "total_tokens", "finish_reason", "latency_ms", "ai_service");
    assertThat(received.path("total_tokens").asInt()).isEqualTo(42);
    assertThat(received.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(received.path("latency_ms").asLong()).isEqualTo(250);
    assertThat(received.path("ai_service").asText()).isEqualTo("Assistant.chat");
    String replyId = received.path("messageId").asText();
    assertThat(messages.subList(3, 7)).allSatisfy(m ->
        assertThat(properties(m).path("messageId").asText()).isEqualTo(replyId));

    JsonNode ran = properties(messages.get(3));
    assertThat(ran.path("action").asText()).isEqualTo("stockPrice");
    assertThat(ran.path("duration_ms").asLong()).isEqualTo(15);
    assertThat(ran.path("failed").asBoolean(true)).isFalse();
    assertThat(ran.has("arguments")).isFalse();
    JsonNode failed = properties(messages.get(4));
    assertThat(failed.path("failed").asBoolean()).isTrue();
    assertThat(failed.has("duration_ms")).isFalse();
    JsonNode unobserved = properties(messages.get(5));
    assertThat(unobserved.path("action").asText()).isEqualTo("lookup");
    assertThat(unobserved.has("failed")).isFalse();
    assertThat(unobserved.has("duration_ms")).isFalse();
    JsonNode media = properties(messages.get(6));
    assertThat(media.path("type").asText()).isEqualTo("image");
    assertThat(media.path("sub_type").asText()).isEqualTo("png");
    assertThat(media.path("source").asText()).isEqualTo("reply");
    assertAllValid(messages);
  }

  @Test
  void toolArgumentsAreSentOnlyWhenTheIntegrationCapturesThem() {
    new ReplyReporter(true, guard).completed(start(), reply(TOOLS, List.of()));

    List<JsonNode> actions = collected.delivered().subList(3, 6);
    assertThat(actions).extracting(m -> properties(m).path("arguments").asText(null))
        .containsExactly("{\"ticker\":\"ACME\"}", null, "{\"q\":\"ACME\"}");
  }

  @Test
  void aFailedTurnSendsItsToolsAndMediaReferringToTheUsersMessage() {
    TrackedConversation tracked = start();
    String sentId = tracked.messageSent("Chart ACME");

    new ReplyReporter(false, guard).failed(tracked, sentId, TOOLS.subList(0, 1), MEDIA);

    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).endsWith("Message Sent", "Action Invoked", "Media Generated");
    assertThat(messages.subList(messages.size() - 2, messages.size())).allSatisfy(m ->
        assertThat(properties(m).path("messageId").asText()).isEqualTo(sentId));
    assertThat(tracked.lastReplyId()).isEmpty();
    assertAllValid(messages);
  }

  @Test
  void anEventTheSdkRefusesIsCountedAndTheRestOfTheRunIsStillSent() {
    List<GeneratedMedia> media = List.of(new GeneratedMedia("image", " ", Map.of()), MEDIA.get(0));

    new ReplyReporter(false, guard).completed(start(), reply(List.of(), media));

    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).endsWith("Message Received", "Media Generated");
    assertThat(guard.failures()).isEqualTo(1);
    assertThat(properties(messages.get(messages.size() - 1)).path("instrumentation_error_count").asInt()).isEqualTo(1);
  }
}
