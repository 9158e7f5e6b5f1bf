package dev.parley.langchain4j;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.assertErrorCountedOnNextTurn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.service.AiServices;
import dev.parley.langchain4j.testing.Assistant;
import dev.parley.langchain4j.testing.Harness;
import dev.parley.langchain4j.testing.ScriptedChatModel;
import dev.parley.langchain4j.testing.ScriptedStreamingChatModel;
import dev.parley.langchain4j.testing.StockTools;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Errors: the application's are counted, the instrumentation's never reach the application. */
class FailureEndToEndTest {
  @RegisterExtension
  final Harness harness = new Harness();

  private Assistant instrumented(ParleyLangChain4j parley) {
    return parley.instrument(AiServices.builder(Assistant.class)
            .chatModel(new ScriptedChatModel())
            .streamingChatModel(new ScriptedStreamingChatModel())
            .chatMemoryProvider(harness.memories())
            .tools(new StockTools(false)))
        .build();
  }

  @Test
  void aFailedInvocationIsCountedOnTheConversationsNextEvent() {
    Assistant assistant = instrumented(ParleyLangChain4j.builder(harness.analytics()).build());

    assertThatThrownBy(() -> assistant.chat("alice", "please fail")).hasMessageContaining("scripted model failure");
    assistant.chat("alice", "What is ACME worth?");

    List<JsonNode> messages = harness.delivered();
    assertErrorCountedOnNextTurn(messages);
    assertThat(messages.get(1).path("properties").has("error_count")).isFalse();
    assertThat(messages.get(2).path("properties").path("last_error").asText()).isEqualTo(IllegalStateException.class.getName());
    assertThat(messages.get(3).path("properties").has("error_count")).isFalse();
    assertAllValid(messages);
  }

  @Test
  void aFailedStreamIsCountedOnTheConversationsNextEvent() throws Exception {
    Assistant assistant = instrumented(ParleyLangChain4j.builder(harness.analytics()).build());
    CompletableFuture<Throwable> failure = new CompletableFuture<>();

    assistant.stream("alice", "please fail").onPartialResponse(token -> {})
        .onCompleteResponse(response -> failure.complete(null)).onError(failure::complete).start();
    assertThat(failure.get(10, TimeUnit.SECONDS)).hasMessageContaining("scripted model failure");
    assistant.chat("alice", "What is ACME worth?");

    List<JsonNode> messages = harness.delivered();
    assertErrorCountedOnNextTurn(messages);
    assertAllValid(messages);
  }

  @Test
  void anExceptionInsideTheInstrumentationNeverReachesTheApplication() {
    ParleyLangChain4j parley = ParleyLangChain4j.builder(harness.analytics())
        .conversationIds(memoryId -> {
          throw new IllegalStateException("broken conversation ids");
        })
        .build();
    Assistant assistant = instrumented(parley);

    assertThat(assistant.chat("alice", "What is ACME worth?")).isEqualTo("Answer: 42");

    assertThat(parley.instrumentationFailures()).isPositive();
    assertThat(harness.delivered()).isEmpty();
  }

  @Test
  void aFailingIdentityResolverFallsBackToAnAnonymousId() {
    ParleyLangChain4j parley = ParleyLangChain4j.builder(harness.analytics())
        .identityResolver((memoryId, conversationId) -> {
          throw new IllegalStateException("directory down");
        })
        .build();

    assertThat(instrumented(parley).chat("alice", "What is ACME worth?")).isEqualTo("Answer: 42");

    List<JsonNode> messages = harness.delivered();
    assertThat(messages).hasSize(4).allSatisfy(m ->
        assertThat(m.path("anonymousId").asText()).isEqualTo(ParleyLangChain4j.defaultConversationId("alice")));
    assertAllValid(messages);
  }

  @Test
  void instrumentationFailuresAreCountedOnTheNextEvent() {
    ParleyLangChain4j parley = ParleyLangChain4j.builder(harness.analytics()).build();
    Assistant assistant = instrumented(parley);
    assistant.chat("alice", "What is ACME worth?");

    // messageId must not be blank: the SDK refuses it, the instrumentation swallows and counts it.
    assertThat(parley.feedback("alice", " ", 5)).isFalse();
    assistant.chat("alice", "And now?");

    List<JsonNode> messages = harness.delivered();
    assertThat(parley.instrumentationFailures()).isEqualTo(1);
    JsonNode nextSent = messages.get(4).path("properties");
    assertThat(messages.get(4).path("event").asText()).isEqualTo("Message Sent");
    assertThat(nextSent.path("instrumentation_error_count").asInt()).isEqualTo(1);
  }
}
