package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.support.TestCollector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueFullTest {
  @Test
  void aFullQueueWithoutASpoolDropsAndCountsInsteadOfBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Failure> failures = new CopyOnWriteArrayList<>();
    try (TestCollector collector = TestCollector.start();
        CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
            .maxQueueSize(5).flushAt(5).flushInterval(Duration.ofMillis(10))
            .callback(new Callback() {
              @Override
              public void failed(EventRef event, Failure failure) {
                failures.add(failure);
              }
            })
            .build()) {
      collector.respond((i, r) -> {
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return TestCollector.Response.of(200);
      });
      Conversation chat = analytics.startConversation(Identity.userId("u"));
      for (int i = 0; i < 19; i++) {
        chat.messageSent("m" + i);
      }
      assertThat(analytics.stats().queued()).isEqualTo(5);
      assertThat(analytics.stats().dropped()).isEqualTo(15);
      assertThat(failures).hasSize(15).extracting(Failure::reason).containsOnly(Failure.Reason.QUEUE_FULL);

      release.countDown();
      analytics.flush();
      assertThat(collector.delivered()).hasSize(5);
      assertThat(analytics.stats().queued()).isZero();
    }
  }
}
