package dev.parley.springai;

import static dev.parley.springai.testing.Harness.assertAllValid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.springai.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;

/** Two conversations driven at once from several threads through one ChatClient. */
class ConcurrencyEndToEndTest {
  private static final int THREADS = 4;
  private static final int TURNS_PER_THREAD = 10;

  private Harness harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new Harness();
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

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
      List<JsonNode> conversation = messages.stream()
          .filter(m -> m.path("properties").path("conversationId").asText().equals(conversationId))
          .toList();
      Map<String, Long> counts = conversation.stream()
          .collect(Collectors.groupingBy(m -> m.path("event").asText(), Collectors.counting()));
      assertThat(counts).containsEntry("Conversation Started", 1L)
          .containsEntry("Message Sent", turns / 2L)
          .containsEntry("Message Received", turns / 2L)
          .containsEntry("Action Invoked", turns / 2L);
      assertThat(conversation.get(0).path("event").asText()).isEqualTo("Conversation Started");
      conversation.stream()
          .filter(m -> m.path("event").asText().equals("Message Sent"))
          .forEach(m -> assertThat(m.path("properties").path("message_body").asText()).startsWith(conversationId));
      for (int i = 0; i < conversation.size(); i++) {
        if (conversation.get(i).path("event").asText().equals("Action Invoked")) {
          JsonNode reply = conversation.get(i - 1);
          assertThat(reply.path("event").asText()).isEqualTo("Message Received");
          assertThat(conversation.get(i).path("properties").path("messageId").asText())
              .isEqualTo(reply.path("properties").path("messageId").asText());
        }
      }
    }
  }
}
