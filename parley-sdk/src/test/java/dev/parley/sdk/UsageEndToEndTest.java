package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.support.TestCollector;
import dev.parley.spec.Validator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a {@link Usage} sends on Message Received and Action Invoked, as the collector receives it. */
class UsageEndToEndTest {
  private final TestCollector collector = TestCollector.start();
  private final CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
      .flushInterval(Duration.ofMinutes(5)).build();
  private final Conversation chat = analytics.startConversation(Identity.userId("u"), "c-1");

  @AfterEach
  void stop() {
    analytics.close();
    collector.close();
  }

  @Test
  void aReplysUsageFollowsTheSpecPropertiesWithTheExtensionNames() {
    String reply = chat.messageReceived("Here you are.", Usage.of("gpt-4o-mini", 812, 64).withCost(0.00051));
    analytics.flush();

    JsonNode received = collector.delivered().get(1);
    assertThat(received.get("event").asText()).isEqualTo("Message Received");
    assertThat(names(received.get("properties"))).containsExactly("conversationId", "messageId", "message_body",
        "role", "model", "input_tokens", "output_tokens", "cost");
    assertThat(received.at("/properties/messageId").asText()).isEqualTo(reply);
    assertThat(received.at("/properties/role").asText()).isEqualTo("agent");
    assertThat(received.at("/properties/model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(received.at("/properties/input_tokens").isIntegralNumber()).isTrue();
    assertThat(received.at("/properties/input_tokens").asLong()).isEqualTo(812);
    assertThat(received.at("/properties/output_tokens").asLong()).isEqualTo(64);
    assertThat(received.at("/properties/cost").asDouble()).isEqualTo(0.00051);
    assertThat(Validator.standard().validate(received)).isEmpty();
  }

  @Test
  void onlyThePartsThatAreSetAreSentAndExtraPropertiesComeAfterThem() {
    chat.messageReceived("Hi", "ai_agent", Usage.builder().outputTokens(9).build(), Map.of("latency_ms", 120));
    chat.messageReceived("Hi again", Usage.none());
    chat.messageReceived("And again", Usage.builder().model("gpt-4o").cost(0).build(), Map.of("total_tokens", 0));
    analytics.flush();

    List<JsonNode> m = collector.delivered();
    assertThat(names(m.get(1).get("properties"))).containsExactly("conversationId", "messageId", "message_body",
        "role", "output_tokens", "latency_ms");
    assertThat(m.get(1).at("/properties/role").asText()).isEqualTo("ai_agent");
    assertThat(names(m.get(2).get("properties"))).containsExactly("conversationId", "messageId", "message_body", "role");
    assertThat(names(m.get(3).get("properties"))).containsExactly("conversationId", "messageId", "message_body",
        "role", "model", "cost", "total_tokens");
    assertThat(m.get(3).at("/properties/cost").isIntegralNumber()).as("a whole cost is written as an integer").isTrue();
    assertThat(m).allSatisfy(n -> assertThat(Validator.standard().validate(n)).isEmpty());
  }

  @Test
  void aToolCallThatUsedAModelSendsItsUsageOnActionInvoked() {
    String reply = chat.messageReceived("Let me look.");
    chat.actionInvoked(reply, "tool", "summarise", Usage.of("gpt-4o-mini", 2_000, 150));
    chat.actionInvoked(reply, "tool", "translate", "ai_agent", Usage.of("gpt-4o", 300, 40).withCost(0.00115),
        Map.of("duration_ms", 800));
    chat.actionInvoked(reply, "tool", "search", Usage.builder().inputTokens(10).build(), Map.of("failed", false));
    analytics.flush();

    List<JsonNode> actions = collector.delivered().subList(2, 5);
    assertThat(names(actions.get(0).get("properties"))).containsExactly("conversationId", "messageId", "type",
        "action", "role", "model", "input_tokens", "output_tokens");
    assertThat(actions.get(0).at("/properties/role").asText()).isEqualTo("customer");
    assertThat(actions.get(1).at("/properties/role").asText()).isEqualTo("ai_agent");
    assertThat(actions.get(1).at("/properties/cost").asDouble()).isEqualTo(0.00115);
    assertThat(actions.get(1).at("/properties/duration_ms").asInt()).isEqualTo(800);
    assertThat(names(actions.get(2).get("properties"))).endsWith("role", "input_tokens", "failed");
    assertThat(actions).allSatisfy(n -> assertThat(Validator.standard().validate(n)).isEmpty());
  }

  @Test
  void usageNamesAreRefusedAsExtraPropertiesOfTheEventsThatTakeAUsage() {
    assertThatThrownBy(() -> chat.messageReceived("x", Usage.of("gpt-4o", 1, 1), Map.of("model", "gpt-4o-mini")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"model\"").hasMessageContaining("Usage");
    assertThatThrownBy(() -> chat.messageReceived("x", Map.of("input_tokens", 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"input_tokens\"");
    assertThatThrownBy(() -> chat.messageReceived("x", Usage.of("gpt-4o", 1, 1), Map.of("output_tokens", 1)))
        .as("refused even with the same value").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chat.actionInvoked("m", "tool", "a", Map.of("cost", 0.1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Action Invoked");
    assertThatThrownBy(() -> chat.messageReceived("x", (Usage) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("usage == null");

    // On events without usage extensions, the names are ordinary extra properties.
    chat.messageSent("which model are you?", Map.of("model", "picked-by-user"));
    chat.track("Model Switched", Map.of("model", "gpt-4o"));
    analytics.flush();
    assertThat(collector.delivered()).extracting(n -> n.get("event").asText())
        .containsExactly("Conversation Started", "Message Sent", "Model Switched");
    assertThat(collector.delivered().get(1).at("/properties/model").asText()).isEqualTo("picked-by-user");
  }

  private static List<String> names(JsonNode properties) {
    return TestCollector.JSON.convertValue(properties, Map.class).keySet().stream().map(String::valueOf).toList();
  }
}
