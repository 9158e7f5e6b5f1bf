package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.support.FakeClock;
import dev.parley.sdk.support.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloseTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final TestCollector collector = TestCollector.start();
  private final FakeClock clock = new FakeClock();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final ExecutorService closer = Executors.newSingleThreadExecutor();

  @TempDir
  Path spool;

  @AfterEach
  void stop() {
    closer.shutdownNow();
    collector.close();
  }

  @Test
  void closeDeliversWhatWasQueued() {
    CopilotAnalytics analytics = builder().build();
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    for (int i = 0; i < 24; i++) {
      chat.messageSent("m" + i);
    }
    assertThat(analytics.close(TIMEOUT)).isTrue();

    assertThat(collector.delivered()).hasSize(25);
    assertThat(analytics.stats()).isEqualTo(new Stats(25, 0, 0, 0, 0, 0));
    assertThat(clock.pendingTimers()).as("timers left behind").isEmpty();
  }

  @Test
  void callsAfterCloseAreDroppedAndReportedWithoutThrowing() {
    CopilotAnalytics analytics = builder().build();
    analytics.close();
    analytics.close();
    analytics.track(Identity.userId("u"), "Signed Up", Map.of());
    analytics.flush();

    assertThat(analytics.stats().dropped()).isEqualTo(1);
    assertThat(failures).extracting(Failure::reason).containsExactly(Failure.Reason.CLOSED);
    assertThat(collector.requests()).isEmpty();
  }

  @Test
  void closeWaitsForItsTimeoutOnTheClientsClockThenReportsWhatIsLeft() {
    collector.respond((i, r) -> TestCollector.Response.of(503));
    CopilotAnalytics analytics = builder().build();
    analytics.startConversation(Identity.userId("u")).messageSent("q");

    CompletableFuture<Boolean> closed = closeInBackground(analytics, TIMEOUT);
    clock.awaitTimer(TIMEOUT);
    clock.advance(TIMEOUT.minusMillis(1));
    assertThat(closed).as("close() before its timeout is over").isNotDone();
    assertThat(failures).isEmpty();
    clock.advance(Duration.ofMillis(1));

    assertThat(closed).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(false);
    assertThat(failures).hasSize(2).extracting(Failure::reason).containsOnly(Failure.Reason.ABANDONED_AT_CLOSE);
    assertThat(analytics.stats().failed()).isEqualTo(2);
    assertThat(analytics.stats().queued()).isZero();
  }

  @Test
  void closeThatTimesOutSpoolsWhatIsLeft() {
    collector.respond((i, r) -> TestCollector.Response.of(503));
    CopilotAnalytics analytics = builder().spoolDirectory(spool).closeTimeout(TIMEOUT).build();
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    chat.messageSent("q");
    chat.messageReceived("a");

    CompletableFuture<Void> closed = CompletableFuture.runAsync(analytics::close, closer);
    clock.awaitTimer(TIMEOUT);
    clock.advance(TIMEOUT);

    assertThat(closed).succeedsWithin(Duration.ofSeconds(20));
    assertThat(analytics.stats().spooled()).isEqualTo(3);
    assertThat(analytics.stats().queued()).isZero();
    assertThat(failures).isEmpty();
  }

  @Test
  void closeWithAZeroTimeoutGivesUpWithoutWaiting() {
    collector.respond((i, r) -> TestCollector.Response.of(503));
    CopilotAnalytics analytics = builder().build();
    analytics.track(Identity.userId("u"), "Signed Up", Map.of());

    assertThat(analytics.close(Duration.ZERO)).isFalse();
    assertThat(failures).extracting(Failure::reason).containsExactly(Failure.Reason.ABANDONED_AT_CLOSE);
  }

  private CompletableFuture<Boolean> closeInBackground(CopilotAnalytics analytics, Duration timeout) {
    return CompletableFuture.supplyAsync(() -> analytics.close(timeout), closer);
  }

  private CopilotAnalytics.Builder builder() {
    return CopilotAnalytics.builder("key").endpoint(collector.uri()).timeSource(clock)
        .flushInterval(Duration.ofMinutes(5))
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxRetries(1_000)
        .callback(new Callback() {
          @Override
          public void failed(EventRef event, Failure failure) {
            failures.add(failure);
          }
        });
  }
}
