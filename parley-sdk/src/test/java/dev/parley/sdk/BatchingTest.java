package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.support.FakeClock;
import dev.parley.sdk.support.TestCollector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingTest {
  private static final int MAX_REQUEST = 500 * 1024;

  private final TestCollector collector = TestCollector.start();
  private CopilotAnalytics analytics;

  @AfterEach
  void stop() {
    if (analytics != null) {
      analytics.close();
    }
    collector.close();
  }

  @Test
  void batchesCloseAtFlushAtMessages() {
    analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
        .flushAt(10).flushInterval(Duration.ofMinutes(5)).build();
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    for (int i = 0; i < 29; i++) {
      chat.messageSent("message " + i);
    }
    collector.awaitDelivered(30);

    assertThat(collector.requests()).extracting(r -> r.messages().size()).containsExactly(10, 10, 10);
  }

  @Test
  void batchesStayUnder500KilobytesAndFillUpToIt() {
    analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
        .flushAt(100).flushInterval(Duration.ofMinutes(5)).maxConcurrentUploads(1).build();
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    String body = "x".repeat(30_000);
    for (int i = 0; i < 40; i++) {
      chat.messageSent(body);
    }
    analytics.flush();

    List<TestCollector.Request> requests = collector.requests();
    assertThat(requests.stream().mapToInt(r -> r.messages().size()).sum()).isEqualTo(41);
    assertThat(requests).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(MAX_REQUEST));
    assertThat(requests).hasSizeGreaterThan(2);
    for (TestCollector.Request request : requests.subList(0, requests.size() - 1)) {
      // A full batch could not have taken one more message of this size.
      assertThat(request.body().length + 1 + 30_000).isGreaterThan(MAX_REQUEST);
    }
  }

  @Test
  void aBatchIsSentWhenItIsFlushIntervalOldOnTheClientsClock() {
    FakeClock clock = new FakeClock();
    analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
        .flushAt(100).flushInterval(Duration.ofHours(1)).timeSource(clock).build();
    analytics.track(Identity.userId("u"), "First", Map.of());
    clock.awaitTimer(Duration.ofHours(1));

    clock.advance(Duration.ofHours(1).minusMillis(1));
    // Had the first batch left early, this message would start a second batch, due an hour later.
    analytics.track(Identity.userId("u"), "Second", Map.of());
    clock.advance(Duration.ofMillis(1));

    collector.awaitDelivered(2);
    assertThat(collector.requests()).hasSize(1);
    assertThat(collector.requests().get(0).messages()).extracting(m -> m.get("event").asText())
        .containsExactly("First", "Second");
  }

  @Test
  void eachBatchGetsItsOwnInterval() {
    FakeClock clock = new FakeClock();
    analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
        .flushAt(2).flushInterval(Duration.ofMinutes(5)).timeSource(clock).build();
    analytics.track(Identity.userId("u"), "First", Map.of());
    analytics.track(Identity.userId("u"), "Second", Map.of());
    collector.awaitDelivered(2);
    clock.advance(Duration.ofMinutes(4));
    analytics.track(Identity.userId("u"), "Third", Map.of());
    clock.awaitTimer(Duration.ofMinutes(5));

    // The full batch's interval ends here; the third message's batch is only a minute old.
    clock.advance(Duration.ofMinutes(1));
    analytics.track(Identity.userId("u"), "Fourth", Map.of());
    collector.awaitDelivered(4);

    assertThat(collector.requests()).extracting(r -> r.messages().stream().map(m -> m.get("event").asText()).toList())
        .containsExactly(List.of("First", "Second"), List.of("Third", "Fourth"));
  }

  @Test
  void flushWaitsForDeliveryAndFlushAsyncCompletesWithIt() {
    analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
        .flushInterval(Duration.ofMinutes(5)).build();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    collector.respond((i, r) -> {
      arrived.countDown();
      await(answer);
      return TestCollector.Response.of(200);
    });
    analytics.track(Identity.userId("u"), "Signed Up", Map.of());
    CompletableFuture<Void> flushed = analytics.flushAsync();
    await(arrived);
    assertThat(flushed).as("the server has not answered yet").isNotDone();
    answer.countDown();
    assertThat(flushed).succeedsWithin(Duration.ofSeconds(20));
    assertThat(collector.delivered()).hasSize(1);
    assertThat(analytics.stats().delivered()).isEqualTo(1);
    assertThat(analytics.stats().queued()).isZero();

    analytics.track(Identity.userId("u"), "Signed Up", Map.of());
    analytics.flush();
    assertThat(collector.delivered()).hasSize(2);
  }

  @Test
  void flushWithNothingQueuedReturnsAtOnce() {
    analytics = CopilotAnalytics.builder("key").endpoint(collector.uri()).build();
    assertThat(analytics.flushAsync()).succeedsWithin(Duration.ofSeconds(20));
    assertThat(collector.requests()).isEmpty();
  }


  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).as("latch released in time").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
