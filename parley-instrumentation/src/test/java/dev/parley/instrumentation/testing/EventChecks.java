package dev.parley.instrumentation.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.spec.Validator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks on the messages a {@link CollectorStandIn} received. Stateless; thread-safe. */
public final class EventChecks {
  private static final Validator VALIDATOR = Validator.standard();

  private EventChecks() {}

  /** The event names of these messages, in order. */
  public static List<String> names(List<JsonNode> messages) {
    return messages.stream().map(m -> m.path("event").asText()).toList();
  }

  /** Asserts that every message validates cleanly against the AI Copilot tracking plan. */
  public static void assertAllValid(List<JsonNode> messages) {
    for (JsonNode message : messages) {
      assertThat(VALIDATOR.validate(message)).as("violations of %s", message).isEmpty();
    }
  }

  /** The messages of one conversation, in order. */
  public static List<JsonNode> inConversation(List<JsonNode> messages, String conversationId) {
    return messages.stream()
        .filter(m -> m.path("properties").path("conversationId").asText().equals(conversationId))
        .toList();
  }

  /**
   * Asserts that a conversation's messages are its Conversation Started, first, then
   * {@code turns} each of Message Sent, Message Received and Action Invoked, each user message
   * starting with {@code sentPrefix}.
   */
  public static void assertToolTurns(List<JsonNode> conversation, long turns, String sentPrefix) {
    Map<String, Long> counts = conversation.stream()
        .collect(Collectors.groupingBy(m -> m.path("event").asText(), Collectors.counting()));
    assertThat(counts).containsEntry("Conversation Started", 1L)
        .containsEntry("Message Sent", turns)
        .containsEntry("Message Received", turns)
        .containsEntry("Action Invoked", turns);
    assertThat(conversation.get(0).path("event").asText()).isEqualTo("Conversation Started");
    conversation.stream()
        .filter(m -> m.path("event").asText().equals("Message Sent"))
        .forEach(m -> assertThat(m.path("properties").path("message_body").asText()).startsWith(sentPrefix));
  }

  /** Asserts that every Action Invoked refers to the Message Received sent just before it. */
  public static void assertEachActionFollowsItsReply(List<JsonNode> conversation) {
    for (int i = 0; i < conversation.size(); i++) {
      if (conversation.get(i).path("event").asText().equals("Action Invoked")) {
        JsonNode reply = conversation.get(i - 1);
        assertThat(reply.path("event").asText()).isEqualTo("Message Received");
        assertThat(conversation.get(i).path("properties").path("messageId").asText())
            .isEqualTo(reply.path("properties").path("messageId").asText());
      }
    }
  }

  /**
   * Asserts a Message Received of the framework modules' scripted models, which answer
   * {@code Answer: 42} as model {@code scripted-1} with finish reason {@code stop}: the model and
   * the tokens as the usage extensions (integers, no cost), then the integrations' own
   * properties.
   */
  public static void assertScriptedReply(JsonNode received, int inputTokens, int outputTokens, int totalTokens) {
    assertThat(received.path("message_body").asText()).isEqualTo("Answer: 42");
    assertThat(received.path("role").asText()).isEqualTo("ai_agent");
    assertThat(received.path("model").asText()).isEqualTo("scripted-1");
    assertThat(received.path("input_tokens").asInt()).isEqualTo(inputTokens);
    assertThat(received.path("output_tokens").asInt()).isEqualTo(outputTokens);
    assertThat(received.path("input_tokens").isIntegralNumber()).isTrue();
    assertThat(received.path("output_tokens").isIntegralNumber()).isTrue();
    assertThat(received.has("cost")).isFalse();
    assertThat(received.path("total_tokens").asInt()).isEqualTo(totalTokens);
    assertThat(received.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(received.path("latency_ms").isIntegralNumber()).isTrue();
  }

  /** Asserts an Action Invoked for a run of {@code tool} that did not fail, referring to the reply. */
  public static void assertToolRun(JsonNode action, String replyId, String tool) {
    assertThat(action.path("messageId").asText()).isEqualTo(replyId);
    assertThat(action.path("type").asText()).isEqualTo("tool");
    assertThat(action.path("action").asText()).isEqualTo(tool);
    assertThat(action.path("role").asText()).isEqualTo("ai_agent");
    assertThat(action.path("duration_ms").isIntegralNumber()).isTrue();
    assertThat(action.path("failed").asBoolean(true)).isFalse();
  }

  /**
   * Asserts the events of a failed turn followed by a turn with one tool run: the failure is
   * counted once, on the second Message Sent.
   */
  public static void assertErrorCountedOnNextTurn(List<JsonNode> messages) {
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent",
        "Message Sent", "Message Received", "Action Invoked");
    assertThat(messages.get(2).path("properties").path("error_count").asInt()).isEqualTo(1);
  }
}
