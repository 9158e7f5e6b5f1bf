package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.support.TestCollector;
import dev.parley.spec.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int MESSAGES = 250;

  @Test
  void eightThreadsTrackingAtOnceLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (TestCollector collector = TestCollector.start();
        CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
            .flushAt(50).flushInterval(Duration.ofMillis(50)).build()) {
      Conversation shared = analytics.startConversation(Identity.userId("shared"), "shared");
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          Conversation chat = analytics.startConversation(Identity.userId("user-" + thread), "c-" + thread);
          for (int i = 0; i < MESSAGES / 2; i++) {
            String q = chat.messageSent("question " + i);
            chat.messageReceived("answer " + i);
            shared.feedback(q, i % 5);
          }
          chat.end();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
      analytics.flush();

      int expected = 1 + THREADS * (MESSAGES + 2 + MESSAGES / 2);
      List<JsonNode> delivered = collector.delivered();
      assertThat(delivered).hasSize(expected);
      assertThat(delivered.stream().map(m -> m.get("messageId").asText()).distinct()).hasSize(expected);
      assertThat(delivered).allSatisfy(m -> assertThat(Validator.standard().validate(m)).isEmpty());
      Map<String, Integer> counts = delivered.stream()
          .filter(m -> m.get("event").asText().equals("Conversation Ended"))
          .collect(Collectors.toMap(m -> m.get("properties").get("conversationId").asText(),
              m -> m.get("properties").get("message_count").asInt()));
      assertThat(counts).hasSize(THREADS).allSatisfy((id, count) -> assertThat(count).isEqualTo(MESSAGES));
      assertThat(analytics.stats()).isEqualTo(new Stats(expected, 0, 0, 0, 0, 0));
    } finally {
      pool.shutdownNow();
    }
  }
}
