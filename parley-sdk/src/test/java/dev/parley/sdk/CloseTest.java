package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.support.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloseTest {
  private final TestCollector collector = TestCollector.start();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();

  @TempDir
  Path spool;

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void closeDeliversWhatWasQueued() {
    CopilotAnalytics analytics = builder().build();
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    for (int i = 0; i < 24; i++) {
      chat.messageSent("m" + i);
    }
    analytics.close();

    assertThat(collector.delivered()).hasSize(25);
    assertThat(analytics.stats()).isEqualTo(new Stats(25, 0, 0, 0, 0, 0));
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
  void closeThatTimesOutSpoolsWhatIsLeft() {
    collector.respond((i, r) -> TestCollector.Response.of(503));
    CopilotAnalytics analytics = builder().spoolDirectory(spool).closeTimeout(Duration.ofMillis(200)).build();
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    chat.messageSent("q");
    chat.messageReceived("a");
    analytics.close();

    assertThat(analytics.stats().spooled()).isEqualTo(3);
    assertThat(analytics.stats().queued()).isZero();
    assertThat(failures).isEmpty();
  }

  @Test
  void closeThatTimesOutWithoutASpoolReportsWhatIsLeft() {
    collector.respond((i, r) -> TestCollector.Response.of(503));
    CopilotAnalytics analytics = builder().build();
    analytics.startConversation(Identity.userId("u")).messageSent("q");

    assertThat(analytics.close(Duration.ofMillis(200))).isFalse();
    assertThat(failures).hasSize(2).extracting(Failure::reason).containsOnly(Failure.Reason.ABANDONED_AT_CLOSE);
    assertThat(analytics.stats().failed()).isEqualTo(2);
    assertThat(analytics.stats().queued()).isZero();
  }

  private CopilotAnalytics.Builder builder() {
    return CopilotAnalytics.builder("key").endpoint(collector.uri())
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
