package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.support.TestCollector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationTest {
  private final TestCollector collector = TestCollector.start();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
      .flushInterval(Duration.ofMinutes(5))
      .callback(new Callback() {
        @Override
        public void failed(EventRef event, Failure failure) {
          failures.add(failure);
        }
      })
      .build();
  private final Conversation chat = analytics.startConversation(Identity.userId("u"), "c-1");

  @AfterEach
  void stop() {
    analytics.close();
    collector.close();
  }

  @Test
  void startConversationMakesANewIdEachTime() {
    Conversation a = analytics.startConversation(Identity.userId("u"));
    Conversation b = analytics.startConversation(Identity.userId("u"));
    assertThat(a.conversationId()).isNotEqualTo(b.conversationId()).isNotBlank();
    assertThat(chat.identity()).isEqualTo(Identity.userId("u"));
  }

  @Test
  void extraPropertiesMayNotReuseANameTheTypedCallSets() {
    assertThatThrownBy(() -> chat.messageSent("hi", Map.of("role", "agent")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("role");
    assertThatThrownBy(() -> chat.feedback(4, Map.of("messageId", "m")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chat.track("Item Purchased", Map.of("conversationId", "other")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void programmingErrorsFailFastAtTheCall() {
    assertThatThrownBy(() -> chat.messageSent(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("body == null");
    assertThatThrownBy(() -> chat.actionInvoked(" ", "t", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chat.messageReceived("x", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chat.feedback(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chat.track("Message Sent", Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("typed method");
    assertThatThrownBy(() -> chat.messageSent("x", Map.of("when", new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Identity.userId(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trackRefusesEventsThatBreakTheSpec() {
    Identity user = Identity.userId("u");
    assertThatThrownBy(() -> analytics.track(user, "Message Sent", Map.of("conversationId", "c")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing_required");
    assertThatThrownBy(() -> analytics.track(user, "message sent", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Message Sent");
    assertThatThrownBy(() -> analytics.track(user, "Item Purchased", Map.of("conversation_id", "c")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("misnamed_property");
    analytics.track(user, "Feedback Submitted", Map.of("conversationId", "c", "rating", 3));
    analytics.flush();
    assertThat(collector.delivered()).hasSize(2);
  }

  @Test
  void aMessageOver32KilobytesIsRefusedAtTheCallAndReported() {
    String id = chat.messageSent("x".repeat(40_000));
    chat.messageSent("small");
    analytics.flush();

    assertThat(id).isNotBlank();
    assertThat(collector.delivered()).extracting(m -> m.get("event").asText())
        .containsExactly("Conversation Started", "Message Sent");
    assertThat(failures).extracting(Failure::reason).containsExactly(Failure.Reason.TOO_LARGE);
    assertThat(analytics.stats().dropped()).isEqualTo(1);
  }

  @Test
  void endSendsOnceAndAResumedConversationLeavesTheCountOut() {
    chat.messageSent("q");
    chat.end();
    chat.end();
    Conversation resumed = analytics.resumeConversation(Identity.userId("u"), "c-1");
    resumed.messageReceived("a");
    resumed.end(Map.of("reason", "timeout"));
    analytics.flush();

    List<JsonNode> ended = collector.delivered().stream()
        .filter(m -> m.get("event").asText().equals("Conversation Ended")).toList();
    assertThat(ended).hasSize(2);
    assertThat(ended.get(0).get("properties").get("message_count").asInt()).isEqualTo(1);
    assertThat(ended.get(1).get("properties").has("message_count")).isFalse();
    assertThat(ended.get(1).get("properties").get("reason").asText()).isEqualTo("timeout");
  }
}
