package dev.parley.langchain4j;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.service.AiServices;
import dev.parley.langchain4j.testing.Assistant;
import dev.parley.langchain4j.testing.Harness;
import dev.parley.langchain4j.testing.ScriptedChatModel;
import dev.parley.langchain4j.testing.StockTools;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conversation Ended and Feedback Submitted, which the application (or memory deletion) triggers. */
class ConversationLifecycleEndToEndTest {
  @RegisterExtension
  final Harness harness = new Harness();
  private ParleyLangChain4j parley;
  private Assistant assistant;

  @BeforeEach
  void setUp() {
    parley = ParleyLangChain4j.builder(harness.analytics()).build();
    assistant = parley.instrument(AiServices.builder(Assistant.class)
            .chatModel(new ScriptedChatModel())
            .chatMemoryProvider(harness.memories(store -> parley.chatMemoryStore(store)))
            .tools(new StockTools(false)))
        .build();
  }

  @Test
  void feedbackRatesTheLatestReplyAndEndCountsTheMessages() {
    assistant.chat("alice", "What is ACME worth?");
    String replyId = parley.lastReplyId("alice").orElseThrow();

    assertThat(parley.feedback("alice", replyId, 5)).isTrue();
    assertThat(parley.feedback("alice", 4.5)).isTrue();
    assertThat(parley.end("alice")).isTrue();

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent", "Message Received",
        "Action Invoked", "Feedback Submitted", "Feedback Submitted", "Conversation Ended");
    JsonNode rated = messages.get(4).path("properties");
    assertThat(rated.path("messageId").asText()).isEqualTo(replyId);
    assertThat(rated.path("rating").asInt()).isEqualTo(5);
    JsonNode wholeConversation = messages.get(5).path("properties");
    assertThat(wholeConversation.has("messageId")).isFalse();
    assertThat(wholeConversation.path("rating").asDouble()).isEqualTo(4.5);
    assertThat(messages.get(6).path("properties").path("message_count").asInt()).isEqualTo(2);
    assertThat(parley.conversationId("alice")).isEmpty();
    assertAllValid(messages);
  }

  @Test
  void aMemoryIdUsedAgainAfterEndStartsANewConversation() {
    assistant.chat("alice", "What is ACME worth?");
    parley.end("alice");
    assistant.chat("alice", "Hello again");

    List<JsonNode> messages = harness.delivered();
    List<JsonNode> started = messages.stream()
        .filter(m -> m.path("event").asText().equals("Conversation Started")).toList();
    assertThat(started).hasSize(2);
    String first = started.get(0).path("properties").path("conversationId").asText();
    String second = started.get(1).path("properties").path("conversationId").asText();
    assertThat(first).isEqualTo(ParleyLangChain4j.defaultConversationId("alice"));
    assertThat(second).startsWith(first + "-").isNotEqualTo(first);
    assertThat(messages.get(messages.size() - 1).path("properties").path("conversationId").asText())
        .isEqualTo(second);
    assertAllValid(messages);
  }

  @Test
  void clearingAChatMemoryEndsItsConversation() {
    assistant.chat("alice", "What is ACME worth?");

    harness.memory("alice").clear();

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).endsWith("Conversation Ended");
    assertThat(parley.conversationId("alice")).isEmpty();
  }

  @Test
  void endingOrRatingAnUnknownMemoryIdSendsNothing() {
    assertThat(parley.end("nobody")).isFalse();
    assertThat(parley.feedback("nobody", "m-1", 3)).isFalse();

    assertThat(harness.delivered()).isEmpty();
  }
}
