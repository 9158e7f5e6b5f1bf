package dev.parley.instrumentation;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.instrumentation.testing.CollectedAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.sdk.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrackedConversationTest {
  @RegisterExtension
  final CollectedAnalytics collected = new CollectedAnalytics();

  private TrackedConversation start() {
    return new TrackedConversation(collected.analytics().startConversation(Identity.anonymousId("c-1"), "c-1"));
  }

  @Test
  void pendingErrorsAreAddedToTheNextEventOnlyThenCleared() {
    TrackedConversation tracked = start();
    Map<String, Object> base = Map.of("model", "m-1");
    assertThat(tracked.withPendingErrors(base)).isSameAs(base);

    tracked.serviceFailed(new IllegalStateException("boom"));
    tracked.serviceFailed(null);
    tracked.instrumentationFailed();

    assertThat(tracked.withPendingErrors(base)).containsExactly(
        Map.entry("model", "m-1"),
        Map.entry(EventProperties.ERROR_COUNT, 2),
        Map.entry(EventProperties.LAST_ERROR, "unknown"),
        Map.entry(EventProperties.INSTRUMENTATION_ERROR_COUNT, 1));
    assertThat(tracked.withPendingErrors(base)).isSameAs(base);
  }

  @Test
  void eachEventCarriesTheRolesAndTheErrorsPendingWhenItIsSent() {
    TrackedConversation tracked = start();
    String sentId = tracked.messageSent("What is ACME worth?");
    tracked.serviceFailed(new IllegalStateException("boom"));
    String replyId = tracked.messageReceived("Answer: 42", Usage.of("m-1", 30, 12), Map.of());
    tracked.toolInvoked(replyId, " ", Map.of(EventProperties.FAILED, false));
    tracked.mediaGenerated(replyId, "image", "png", Map.of());
    tracked.feedback(replyId, 5);
    tracked.feedback(null, 4);
    tracked.end();

    List<JsonNode> messages = collected.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent", "Message Received",
        "Action Invoked", "Media Generated", "Feedback Submitted", "Feedback Submitted", "Conversation Ended");
    assertThat(tracked.lastReplyId()).contains(replyId);
    assertThat(messages.get(1).path("properties").path("role").asText()).isEqualTo("customer");
    assertThat(messages.get(1).path("properties").path("messageId").asText()).isEqualTo(sentId);
    JsonNode received = messages.get(2).path("properties");
    assertThat(received.path("role").asText()).isEqualTo("ai_agent");
    assertThat(received.path("model").asText()).isEqualTo("m-1");
    assertThat(received.path("input_tokens").asInt()).isEqualTo(30);
    assertThat(received.path("output_tokens").asInt()).isEqualTo(12);
    assertThat(received.path("error_count").asInt()).isEqualTo(1);
    JsonNode action = messages.get(3).path("properties");
    assertThat(action.path("type").asText()).isEqualTo("tool");
    assertThat(action.path("action").asText()).isEqualTo("unknown");
    assertThat(action.has("error_count")).isFalse();
    assertThat(messages.get(4).path("properties").path("role").asText()).isEqualTo("ai_agent");
    assertThat(messages.get(5).path("properties").path("messageId").asText()).isEqualTo(replyId);
    assertThat(messages.get(6).path("properties").has("messageId")).isFalse();
    assertAllValid(messages);
  }
}
