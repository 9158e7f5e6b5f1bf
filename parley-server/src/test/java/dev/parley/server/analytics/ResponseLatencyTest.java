package dev.parley.server.analytics;

import static dev.parley.server.testing.StoredEvent.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.server.testing.ScenarioStore;
import dev.parley.server.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Response latency across the window's start and with equal timestamps: the latest earlier
 * Message Sent counts wherever it is, before the window or in it, arrival order breaking ties.
 */
class ResponseLatencyTest {
  /** How this class makes its stores: the embedded store's; cluster mode's tests give PostgreSQL's. */
  protected ScenarioStore.Factory stores() {
    return TestStore::create;
  }

  private static final Instant FROM = Instant.parse("2026-11-10T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(1));

  @TempDir Path dir;

  /** The summary, checked to be the same with the events folded into the conversation facts up to any point. */
  private Summary summary(ScenarioStore store) {
    SummaryQueries queries = new SummaryQueries(store.connections(),
        new AnalyticsSettings(Clock.fixed(TO, ZoneOffset.UTC), Duration.ofMinutes(30)), store.dialect());
    Summary unfolded = queries.summary(new TimeWindow(FROM, TO));
    for (long through = 1; through <= store.lastSeq(); through++) {
      store.unfold();
      store.fold(through);
      assertThat(queries.summary(new TimeWindow(FROM, TO))).as("folded through seq %d", through).isEqualTo(unfolded);
    }
    return unfolded;
  }

  @Test
  void aMessageSentBeforeTheWindowStillTimesTheReplyInIt() throws Exception {
    try (ScenarioStore store = stores().create(dir)) {
      store.insert(track("Message Sent", "c1", FROM.minusSeconds(30)).user("u1").message("c1-old").body("older"));
      store.insert(track("Message Sent", "c1", FROM.minusSeconds(2)).user("u1").message("c1-m1").body("hello?"));
      store.insert(track("Message Received", "c1", FROM.plusSeconds(3)).user("u1").message("c1-m2").body("hi"));
      Summary summary = summary(store);
      assertThat(summary.messagesSent()).as("only the window's messages are counted").isZero();
      assertThat(summary.messagesReceived()).isEqualTo(1);
      assertThat(summary.responseLatencyMs().p50()).isCloseTo(5000.0, within(1e-6));
    }
  }

  @Test
  void aMessageSentInTheWindowWinsOverOlderOnes() throws Exception {
    try (ScenarioStore store = stores().create(dir)) {
      store.insert(track("Message Sent", "c2", FROM.minusSeconds(60)).user("u2").message("c2-m1").body("first"));
      store.insert(track("Message Sent", "c2", FROM.plusSeconds(10)).user("u2").message("c2-m2").body("again"));
      store.insert(track("Message Received", "c2", FROM.plusSeconds(11)).user("u2").message("c2-m3").body("hi"));
      assertThat(summary(store).responseLatencyMs().p99()).isCloseTo(1000.0, within(1e-6));
    }
  }

  @Test
  void atEqualTimesArrivalOrderDecides() throws Exception {
    Instant t = FROM.plusSeconds(100);
    try (ScenarioStore store = stores().create(dir)) {
      // c3: the Sent arrived first, so it is earlier: 0 ms.
      store.insert(track("Message Sent", "c3", t).user("u3").message("c3-m1").body("q"));
      store.insert(track("Message Received", "c3", t).user("u3").message("c3-m2").body("a"));
      // c4: the Received arrived first, so the Sent at the same time is not earlier; the one
      // before the window is: 104 s.
      store.insert(track("Message Sent", "c4", t.minusSeconds(104)).user("u4").message("c4-m0").body("q0"));
      store.insert(track("Message Received", "c4", t).user("u4").message("c4-m2").body("a"));
      store.insert(track("Message Sent", "c4", t).user("u4").message("c4-m1").body("q"));
      Summary summary = summary(store);
      assertThat(summary.messagesReceived()).isEqualTo(2);
      // Latencies 0 and 104,000 ms: continuous quantiles between them.
      assertThat(summary.responseLatencyMs().p50()).isCloseTo(52000.0, within(1e-6));
      assertThat(summary.responseLatencyMs().p99()).isCloseTo(102960.0, within(1e-6));
    }
  }

  @Test
  void theOlderSentIsFoundForEveryConversationThatNeedsOne() throws Exception {
    try (ScenarioStore store = stores().create(dir)) {
      // c5 began long before c6: the search for older Sents must reach back to c5's start.
      store.insert(track("Message Sent", "c5", FROM.minusSeconds(100)).user("u5").message("c5-m1").body("q"));
      store.insert(track("Message Sent", "c6", FROM.minusSeconds(10)).user("u6").message("c6-m1").body("q"));
      store.insert(track("Message Received", "c5", FROM.plusSeconds(1)).user("u5").message("c5-m2").body("a"));
      store.insert(track("Message Received", "c6", FROM.plusSeconds(2)).user("u6").message("c6-m2").body("a"));
      Summary summary = summary(store);
      // 101 s and 12 s.
      assertThat(summary.responseLatencyMs().p50()).isCloseTo(56500.0, within(1e-6));
      assertThat(summary.responseLatencyMs().p99()).isCloseTo(100110.0, within(1e-6));
    }
  }
}
