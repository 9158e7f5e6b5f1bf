package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.Callback;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.EventRef;
import dev.parley.sdk.Failure;
import dev.parley.sdk.Identity;
import dev.parley.sdk.Stats;
import dev.parley.server.testing.ServeProcess;
import dev.parley.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parley's SDK tracking steadily while the collector is stopped and restarted: every event
 * tracked is stored exactly once. Without a spool the SDK holds up to its queue's capacity
 * and drops the rest, and its dropped count is exact. The outage lasts 4 s in the quick run,
 * 60 s with {@code PARLEY_RELIABILITY=full}.
 */
class OutageReliabilityTest {
  private static final String EVENT = "Outage Probe";
  private static final long TRACK_EVERY_MS = 5;

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void withASpoolEveryEventTrackedThroughAnOutageIsStoredOnce() throws Exception {
    Outcome outcome = run(true, 100);
    assertThat(outcome.dropped()).isEmpty();
    assertThat(outcome.stats().dropped()).isZero();
    assertThat(outcome.stored().keySet()).hasSize(outcome.tracked());
    assertThat(outcome.stored().values()).allMatch(n -> n == 1L);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void withoutASpoolTheQueueHoldsWhatItCanAndTheDroppedCountIsExact() throws Exception {
    int queue = 200;
    Outcome outcome = run(false, queue);
    assertThat(outcome.dropped()).as("the outage outlasts the queue").isNotEmpty();
    assertThat(outcome.stats().dropped()).isEqualTo(outcome.dropped().size());
    assertThat(outcome.stats().failed()).isZero();
    assertThat(outcome.stored().keySet()).hasSize(outcome.tracked() - outcome.dropped().size());
    assertThat(outcome.stored().values()).allMatch(n -> n == 1L);
    assertThat(outcome.storedMessageIds()).doesNotContainAnyElementsOf(outcome.dropped());
    assertThat(outcome.stored().size()).as("at least the queue's worth tracked during the outage is kept")
        .isGreaterThan(queue);
  }

  record Outcome(int tracked, Map<String, Long> stored, Set<String> storedMessageIds, Set<String> dropped,
      Stats stats) {}

  private Outcome run(boolean spool, int queue) throws Exception {
    Path data = dir.resolve("data");
    long outageMs = ReliabilityMode.full() ? 60_000 : 4_000;
    Set<String> dropped = ConcurrentHashMap.newKeySet();
    ServeProcess server = ServeProcess.start(data, 0);
    int port = server.port();
    CopilotAnalytics.Builder builder = CopilotAnalytics.builder(TestServer.WRITE_KEY)
        .endpoint(URI.create("http://127.0.0.1:" + port)).flushAt(20).flushInterval(Duration.ofMillis(50))
        .maxQueueSize(queue).retryBackoff(Duration.ofMillis(20), Duration.ofMillis(500)).maxRetries(100_000)
        .requestTimeout(Duration.ofSeconds(5)).closeTimeout(Duration.ofSeconds(60))
        .callback(new Callback() {
          @Override
          public void failed(EventRef event, Failure failure) {
            dropped.add(event.eventId());
          }
        });
    if (spool) {
      builder.spoolDirectory(dir.resolve("spool"));
    }
    int tracked = 0;
    Stats stats;
    try (CopilotAnalytics analytics = builder.build()) {
      tracked += trackFor(analytics, 1_000, tracked);
      server.close();
      tracked += trackFor(analytics, outageMs, tracked);
      server = ServeProcess.start(data, port);
      tracked += trackFor(analytics, 1_000, tracked);
      analytics.flushAsync().get(2, TimeUnit.MINUTES);
      waitUntilSettled(analytics, tracked);
      stats = analytics.stats();
    } finally {
      server.close();
    }
    Map<String, Long> stored = StoredIds.countProperty(data, EVENT, "n");
    Set<String> storedIds = StoredIds.count(data).keySet();
    return new Outcome(tracked, stored, storedIds, dropped, stats);
  }

  /** Tracks one event every few milliseconds for {@code millis}; returns how many. */
  private static int trackFor(CopilotAnalytics analytics, long millis, int first) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    int n = 0;
    while (System.nanoTime() < end) {
      analytics.track(Identity.userId("outage-user"), EVENT, Map.of("n", Integer.toString(first + n)));
      n++;
      Thread.sleep(TRACK_EVERY_MS);
    }
    return n;
  }

  /** Waits until every tracked event is delivered or dropped (the spool drains after a flush). */
  private static void waitUntilSettled(CopilotAnalytics analytics, int tracked) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    long nextReport = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Stats s = analytics.stats();
      if (System.nanoTime() - nextReport >= 0) {
        System.err.println("outage test, settling " + tracked + " tracked: " + s);
        nextReport += TimeUnit.SECONDS.toNanos(10);
      }
      if (s.delivered() + s.dropped() + s.failed() >= tracked && s.queued() == 0 && s.spooled() == 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not settled: " + analytics.stats() + " of " + tracked);
  }
}
