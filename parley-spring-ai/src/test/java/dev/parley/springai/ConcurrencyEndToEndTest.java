package dev.parley.springai;

import static dev.parley.instrumentation.testing.EventChecks.assertAllValid;
import static dev.parley.instrumentation.testing.EventChecks.assertEachActionFollowsItsReply;
import static dev.parley.instrumentation.testing.EventChecks.assertToolTurns;
import static dev.parley.instrumentation.testing.EventChecks.inConversation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.springai.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;

/** Two conversations driven at once from several threads through one ChatClient. */
class ConcurrencyEndToEndTest {
  private static final int THREADS = 4;
  private static final int TURNS_PER_THREAD = 10;

  @RegisterExtension
  final Harness harness = new Harness();

  @Test
  void twoConversationsInterleavedOnSeveralThreadsStayApart() throws Exception {
    ParleyAdvisor parley = ParleyAdvisor.builder(harness.analytics()).build();
    ChatClient chat = harness.chatClient(parley);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      runs.add(pool.submit(() -> {
        go.await();
        for (int turn = 0; turn < TURNS_PER_THREAD; turn++) {
          String conversationId = (thread + turn) % 2 == 0 ? "alice-chat" : "bob-chat";
          chat.prompt().user(conversationId + " asks, turn " + thread + "." + turn)
              .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversationId)).call().content();
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> run : runs) {
      run.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<JsonNode> messages = harness.delivered();
    assertAllValid(messages);
    assertThat(parley.instrumentationFailures()).isZero();
    int turns = THREADS * TURNS_PER_THREAD;
    assertThat(messages).hasSize(2 + 3 * turns);
    for (String conversationId : List.of("alice-chat", "bob-chat")) {
      List<JsonNode> conversation = inConversation(messages, conversationId);
      assertToolTurns(conversation, turns / 2L, conversationId);
      assertEachActionFollowsItsReply(conversation);
    }
  }
}
