package dev.parley.langchain4j;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.assertScriptedReply;
import static dev.parley.instrumentation.testing.EventChecks.assertToolRun;
import static dev.parley.instrumentation.testing.EventChecks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.AiServices;
import dev.parley.langchain4j.testing.Assistant;
import dev.parley.langchain4j.testing.Harness;
import dev.parley.langchain4j.testing.ScriptedChatModel;
import dev.parley.langchain4j.testing.ScriptedStreamingChatModel;
import dev.parley.langchain4j.testing.StockTools;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real AI Service, a scripted model, the real SDK and a local collector stand-in. */
class ParleyLangChain4jEndToEndTest {
  private static final List<String> ONE_TURN =
      List.of("Conversation Started", "Message Sent", "Message Received", "Action Invoked");

  @RegisterExtension
  final Harness harness = new Harness();

  private AiServices<Assistant> assistantBuilder(Object tools) {
    return AiServices.builder(Assistant.class)
        .chatModel(new ScriptedChatModel())
        .streamingChatModel(new ScriptedStreamingChatModel())
        .chatMemoryProvider(harness.memories())
        .tools(tools);
  }

  @Test
  void aToolCallThenTextBecomesStartedSentReceivedAndActionInvokedInOneConversation() {
    var builder = assistantBuilder(new StockTools(false));
    ParleyLangChain4j parley = ParleyLangChain4j.instrument(builder, harness.analytics());
    Assistant assistant = builder.build();

    assertThat(assistant.chat("alice", "What is ACME worth?")).isEqualTo("Answer: 42");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactlyElementsOf(ONE_TURN);
    String conversationId = ParleyLangChain4j.defaultConversationId("alice");
    assertThat(parley.conversationId("alice")).contains(conversationId);
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.path("properties").path("conversationId").asText()).isEqualTo(conversationId);
      assertThat(m.path("anonymousId").asText()).isEqualTo(conversationId);
      assertThat(m.has("userId")).isFalse();
    });

    JsonNode sent = messages.get(1).path("properties");
    assertThat(sent.path("message_body").asText()).isEqualTo("What is ACME worth?");
    assertThat(sent.path("role").asText()).isEqualTo("customer");

    // Two model calls (the tool call, then the answer): 10 + 20 tokens read, 5 + 7 written.
    JsonNode received = messages.get(2).path("properties");
    assertScriptedReply(received, 30, 12, 42);
    assertThat(received.path("ai_service").asText()).isEqualTo("Assistant.chat");
    assertThat(received.path("messageId").asText()).isNotEqualTo(sent.path("messageId").asText());
    assertThat(parley.lastReplyId("alice")).contains(received.path("messageId").asText());

    JsonNode action = messages.get(3).path("properties");
    assertToolRun(action, received.path("messageId").asText(), "stockPrice");
    assertThat(action.has("arguments")).isFalse();

    assertAllValid(messages);
    assertThat(parley.instrumentationFailures()).isZero();
  }

  @Test
  void aSecondTurnInTheSameMemoryStaysInTheSameConversation() {
    var builder = assistantBuilder(new StockTools(false));
    ParleyLangChain4j.instrument(builder, harness.analytics());
    Assistant assistant = builder.build();

    assistant.chat("alice", "What is ACME worth?");
    assistant.chat("alice", "And now?");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started",
        "Message Sent", "Message Received", "Action Invoked",
        "Message Sent", "Message Received", "Action Invoked");
    assertThat(messages).extracting(m -> m.path("properties").path("conversationId").asText())
        .containsOnly(ParleyLangChain4j.defaultConversationId("alice"));
    assertAllValid(messages);
  }

  @Test
  void aTokenStreamProducesTheSameEventsOnceTheResponseCompletes() throws Exception {
    var builder = assistantBuilder(new StockTools(false));
    ParleyLangChain4j.instrument(builder, harness.analytics());
    Assistant assistant = builder.build();

    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    StringBuilder streamed = new StringBuilder();
    assistant.stream("bob", "Stream me ACME")
        .onPartialResponse(streamed::append)
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();
    done.get(10, TimeUnit.SECONDS);

    List<JsonNode> messages = harness.delivered();
    assertThat(streamed).hasToString("Answer: 42");
    assertThat(names(messages)).containsExactlyElementsOf(ONE_TURN);
    JsonNode received = messages.get(2).path("properties");
    assertScriptedReply(received, 30, 12, 42);
    assertThat(received.path("ai_service").asText()).isEqualTo("Assistant.stream");
    JsonNode action = messages.get(3).path("properties");
    assertThat(action.path("messageId").asText()).isEqualTo(received.path("messageId").asText());
    assertThat(action.path("action").asText()).isEqualTo("stockPrice");
    assertThat(action.path("failed").asBoolean(true)).isFalse();
    assertThat(messages).extracting(m -> m.path("properties").path("conversationId").asText())
        .containsOnly(ParleyLangChain4j.defaultConversationId("bob"));
    assertAllValid(messages);
  }

  @Test
  void aModelThatNamesNoModelAndCountsNoTokensSendsNoUsage() {
    ChatModel silent = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from("Hello")).build();
      }
    };
    var builder = AiServices.builder(Assistant.class).chatModel(silent).chatMemoryProvider(harness.memories());
    ParleyLangChain4j.instrument(builder, harness.analytics());

    builder.build().chat("carol", "Hi");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactly("Conversation Started", "Message Sent", "Message Received");
    JsonNode received = messages.get(2).path("properties");
    assertThat(received.path("message_body").asText()).isEqualTo("Hello");
    assertThat(received.has("model") || received.has("input_tokens") || received.has("output_tokens")
        || received.has("total_tokens")).isFalse();
    assertAllValid(messages);
  }

  @Test
  void toolArgumentsAreSentOnlyWhenTheTeamOptsIn() {
    var builder = assistantBuilder(new StockTools(false));
    ParleyLangChain4j.builder(harness.analytics()).captureToolArguments(true).build().instrument(builder);

    builder.build().chat("alice", "What is ACME worth?");

    JsonNode action = harness.delivered().get(3).path("properties");
    assertThat(action.path("arguments").asText()).isEqualTo("{\"ticker\":\"ACME\"}");
  }

  @Test
  void aToolThatThrowsIsReportedAsFailed() {
    var builder = assistantBuilder(new StockTools(true));
    ParleyLangChain4j.instrument(builder, harness.analytics());

    builder.build().chat("alice", "What is ACME worth?");

    List<JsonNode> messages = harness.delivered();
    assertThat(names(messages)).containsExactlyElementsOf(ONE_TURN);
    assertThat(messages.get(3).path("properties").path("failed").asBoolean()).isTrue();
    assertAllValid(messages);
  }

  @Test
  void theIdentityComesFromTheTeamsResolver() {
    var builder = assistantBuilder(new StockTools(false));
    ParleyLangChain4j.builder(harness.analytics())
        .identityResolver(IdentityResolver.memoryIdAsUserId())
        .conversationIds(Object::toString)
        .build()
        .instrument(builder);

    builder.build().chat("user-42", "What is ACME worth?");

    List<JsonNode> messages = harness.delivered();
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.path("userId").asText()).isEqualTo("user-42");
      assertThat(m.path("properties").path("conversationId").asText()).isEqualTo("user-42");
    });
    assertAllValid(messages);
  }
}
