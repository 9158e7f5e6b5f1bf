package dev.parley.springai;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.assertErrorCountedOnNextTurn;
import static dev.parley.instrumentation.testing.EventChecks.assertScriptedReply;
import static dev.parley.instrumentation.testing.EventChecks.assertToolRun;
import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.Identity;
import dev.parley.springai.testing.Harness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/** A real ChatClient over a scripted model, the real SDK and a local collector stand-in. */
class ParleyAdvisorEndToEndTest {
  private static final List<String> ONE_TURN =
      List.of("Conversation Started", "Message Sent", "Message Received", "Action Invoked");

  @RegisterExtension
  final Harness harness = new Harness();

  private static String ask(ChatClient chat, String conversationId, String text) {
    return chat.prompt().user(text).advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversationId))
        .call().content();
  }

  @Test
  void aToolCallThenTextBecomesStartedSentReceivedAndActionInvokedInOneConversation() {
    ParleyAdvisor parley = ParleyAdvisor.builder(harness.analytics()).build();
    ChatClient chat = harness.chatClient(parley);

    assertThat(ask(chat, "c-1", "What is ACME worth?")).isEqualTo("Answer: 42");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactlyElementsOf(ONE_TURN);
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.path("properties").path("conversationId").asText()).isEqualTo("c-1");
      assertThat(m.path("anonymousId").asText()).isEqualTo("c-1");
    });
    JsonNode sent = messages.get(1).path("properties");
    assertThat(sent.path("message_body").asText()).isEqualTo("What is ACME worth?");
    assertThat(sent.path("role").asText()).isEqualTo("customer");
    JsonNode received = messages.get(2).path("properties");
    assertScriptedReply(received, 20, 7, 27);
    assertThat(received.path("streaming").asBoolean(true)).isFalse();
    assertThat(parley.lastReplyId("c-1")).contains(received.path("messageId").asText());
    JsonNode action = messages.get(3).path("properties");
    assertToolRun(action, received.path("messageId").asText(), "stockPrice");
    assertThat(action.has("arguments")).isFalse();
    assertAllValid(messages);
    assertThat(parley.instrumentationFailures()).isZero();
  }

  @Test
  void aStreamProducesTheSameEventsOnceItCompletes() {
    ParleyAdvisor parley = ParleyAdvisor.builder(harness.analytics()).captureToolArguments(true).build();
    ChatClient chat = harness.chatClient(parley);

    List<String> chunks = chat.prompt().user("Stream me ACME")
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "c-2"))
        .stream().content().collectList().block(Duration.ofSeconds(10));

    assertThat(String.join("", chunks)).isEqualTo("Answer: 42");
    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactlyElementsOf(ONE_TURN);
    JsonNode received = messages.get(2).path("properties");
    assertScriptedReply(received, 20, 7, 27);
    assertThat(received.path("streaming").asBoolean()).isTrue();
    JsonNode action = messages.get(3).path("properties");
    assertThat(action.path("messageId").asText()).isEqualTo(received.path("messageId").asText());
    assertThat(action.path("arguments").asText()).isEqualTo("{\"ticker\":\"ACME\"}");
    assertThat(messages).extracting(m -> m.path("properties").path("conversationId").asText()).containsOnly("c-2");
    assertAllValid(messages);
  }

  @Test
  void aModelThatNamesNoModelAndCountsNoTokensSendsNoUsage() {
    ChatModel silent = new ChatModel() {
      @Override
      public ChatResponse call(Prompt prompt) {
        return new ChatResponse(List.of(new Generation(new AssistantMessage("Hello"))));
      }
    };
    ChatClient chat = ChatClient.builder(silent).defaultAdvisors(ParleyAdvisor.builder(harness.analytics()).build())
        .build();

    assertThat(ask(chat, "c-6", "Hi")).isEqualTo("Hello");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent", "Message Received");
    JsonNode received = messages.get(2).path("properties");
    assertThat(received.has("model") || received.has("input_tokens") || received.has("output_tokens")
        || received.has("total_tokens")).isFalse();
    assertAllValid(messages);
  }

  @Test
  void withoutAConversationIdTheExchangeJoinsTheDefaultConversation() {
    ChatClient chat = harness.chatClient(ParleyAdvisor.builder(harness.analytics()).build());

    chat.prompt().user("What is ACME worth?").call().content();

    assertThat(harness.delivered()).extracting(m -> m.path("properties").path("conversationId").asText())
        .containsOnly("default");
  }

  @Test
  void feedbackAndEndFollowTheConversation() {
    ParleyAdvisor parley = ParleyAdvisor.builder(harness.analytics())
        .identityResolver(conversationId -> Identity.userId("user-7"))
        .build();
    ChatClient chat = harness.chatClient(parley);
    ask(chat, "c-3", "What is ACME worth?");

    assertThat(parley.feedback("c-3", parley.lastReplyId("c-3").orElseThrow(), 5)).isTrue();
    assertThat(parley.end("c-3")).isTrue();
    assertThat(parley.end("c-3")).isFalse();

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).endsWith("Feedback Submitted", "Conversation Ended");
    assertThat(messages.get(messages.size() - 1).path("properties").path("message_count").asInt()).isEqualTo(2);
    assertThat(messages).allSatisfy(m -> assertThat(m.path("userId").asText()).isEqualTo("user-7"));
    assertAllValid(messages);
  }

  @Test
  void aFailedCallIsCountedOnTheConversationsNextEvent() {
    ChatClient chat = harness.chatClient(ParleyAdvisor.builder(harness.analytics()).build());

    assertThatThrownBy(() -> ask(chat, "c-4", "please fail")).hasMessageContaining("scripted model failure");
    ask(chat, "c-4", "What is ACME worth?");

    List<JsonNode> messages = harness.delivered();
    assertErrorCountedOnNextTurn(messages);
    assertThat(messages.get(2).path("properties").path("last_error").asText()).isEqualTo(IllegalStateException.class.getName());
    assertAllValid(messages);
  }

  @Test
  void aFailedStreamIsCountedOnTheConversationsNextEvent() {
    ChatClient chat = harness.chatClient(ParleyAdvisor.builder(harness.analytics()).build());

    assertThatThrownBy(() -> chat.prompt().user("please fail")
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "c-5"))
        .stream().content().collectList().block(Duration.ofSeconds(10)))
        .hasMessageContaining("scripted model failure");
    ask(chat, "c-5", "What is ACME worth?");

    List<JsonNode> messages = harness.delivered();
    assertErrorCountedOnNextTurn(messages);
    assertAllValid(messages);
  }

  @Test
  void anExceptionInsideTheInstrumentationNeverReachesTheApplication() {
    ParleyAdvisor parley = ParleyAdvisor.builder(harness.analytics()).build();
    ChatClient chat = harness.chatClient(parley);
    Object unprintableId = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no string for you");
      }
    };

    String answer = chat.prompt().user("What is ACME worth?")
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, unprintableId)).call().content();

    assertThat(answer).isEqualTo("Answer: 42");
    assertThat(parley.instrumentationFailures()).isPositive();
    assertThat(harness.delivered()).isEmpty();
  }
}
