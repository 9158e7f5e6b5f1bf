package dev.parley.langchain4j;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.assertEachActionFollowsItsReply;
import static dev.parley.instrumentation.testing.EventChecks.assertToolTurns;
import static dev.parley.instrumentation.testing.EventChecks.inConversation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.service.AiServices;
import dev.parley.langchain4j.testing.Assistant;
import dev.parley.langchain4j.testing.Harness;
import dev.parley.langchain4j.testing.ScriptedChatModel;
import dev.parley.langchain4j.testing.StockTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two conversations driven at once from several threads, each turn on any thread. */
class ConcurrencyEndToEndTest {
  private static final int THREADS = 4;
  private static final int TURNS_PER_THREAD = 10;

  @RegisterExtension
  final Harness harness = new Harness();

  @Test
  void twoConversationsInterleavedOnSeveralThreadsStayApart() throws Exception {
    ParleyLangChain4j parley = ParleyLangChain4j.builder(harness.analytics()).build();
    Assistant assistant = parley.instrument(AiServices.builder(Assistant.class)
            .chatModel(new ScriptedChatModel())
            .chatMemoryProvider(harness.memories())
            .tools(new StockTools(false)))
        .build();

    // Each conversation's turns follow one another (as a user's messages do), each on whichever
    // pool thread is free, while the two conversations run at the same time.
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<CompletableFuture<Void>> conversations = new ArrayList<>();
    for (String memoryId : List.of("alice", "bob")) {
      CompletableFuture<Void> turns = CompletableFuture.completedFuture(null);
      for (int turn = 0; turn < THREADS * TURNS_PER_THREAD / 2; turn++) {
        String text = memoryId + " asks, turn " + turn;
        turns = turns.thenRunAsync(() -> assistant.chat(memoryId, text), pool);
      }
      conversations.add(turns);
    }
    CompletableFuture.allOf(conversations.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    pool.shutdown();

    List<JsonNode> messages = harness.delivered();
    assertAllValid(messages);
    assertThat(parley.instrumentationFailures()).isZero();
    int turns = THREADS * TURNS_PER_THREAD;
    assertThat(messages).hasSize(2 + 3 * turns);

    for (String memoryId : List.of("alice", "bob")) {
      String conversationId = ParleyLangChain4j.defaultConversationId(memoryId);
      List<JsonNode> conversation = inConversation(messages, conversationId);
      assertToolTurns(conversation, turns / 2L, memoryId + " asks");
      assertThat(conversation).allSatisfy(m ->
          assertThat(m.path("anonymousId").asText()).isEqualTo(conversationId));

      Set<String> replyIds = conversation.stream()
          .filter(m -> m.path("event").asText().equals("Message Received"))
          .map(m -> m.path("properties").path("messageId").asText())
          .collect(Collectors.toSet());
      assertThat(replyIds).hasSize(turns / 2);
      // Every action refers to a reply of its own conversation, sent just before it.
      assertEachActionFollowsItsReply(conversation);
      conversation.stream()
          .filter(m -> m.path("event").asText().equals("Action Invoked"))
          .forEach(m -> assertThat(m.path("properties").path("messageId").asText()).isIn(replyIds));
    }
  }
}
