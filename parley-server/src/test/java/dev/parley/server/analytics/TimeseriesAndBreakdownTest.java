package dev.parley.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.server.testing.CopilotScenario;
import dev.parley.server.testing.ScenarioStore;
import dev.parley.server.testing.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeseriesAndBreakdownTest {
  /** How this class makes its stores: the embedded store's; cluster mode's tests give PostgreSQL's. */
  protected ScenarioStore.Factory stores() {
    return TestStore::create;
  }

  private static final Instant DAY_19 = Instant.parse("2026-11-19T00:00:00Z");
  private static final Instant DAY_20 = Instant.parse("2026-11-20T00:00:00Z");

  @TempDir static Path dir;
  private ScenarioStore store;
  private TimeseriesQueries series;
  private BreakdownQueries breakdowns;
  private final TimeWindow week = new TimeWindow(CopilotScenario.FROM, CopilotScenario.TO);

  @BeforeAll
  void writeScenario() throws Exception {
    store = stores().create(dir);
    CopilotScenario.write(store);
    store.fold(store.lastSeq() / 2); // half folded into the conversation facts, half not
    AnalyticsSettings settings = new AnalyticsSettings(CopilotScenario.clock(), CopilotScenario.IDLE_TIMEOUT);
    series = new TimeseriesQueries(store.connections(), settings, store.dialect());
    breakdowns = new BreakdownQueries(store.connections(), store.dialect());
  }

  @AfterAll
  void closeStore() throws Exception {
    store.close();
  }

  private Double on(List<TimePoint> points, Instant day) {
    return points.stream().filter(p -> p.t().equals(day)).findFirst().orElseThrow().value();
  }

  @Test
  void dailySeriesHasEveryDayOfTheWindowWithZerosForCounts() {
    List<TimePoint> points = series.points(TimeseriesMetric.CONVERSATIONS, Interval.DAY, week);
    // 2026-11-13 (holding the window's start, 12:00) to 2026-11-20.
    assertThat(points).hasSize(8);
    assertThat(points.get(0).t()).isEqualTo(Instant.parse("2026-11-13T00:00:00Z"));
    assertThat(on(points, DAY_19)).isEqualTo(32.0);
    assertThat(on(points, DAY_20)).isEqualTo(23.0);
    assertThat(points.get(0).value()).isEqualTo(0.0);
  }

  @Test
  void seriesDoNotDependOnWhatHasBeenFolded() {
    try {
      for (Interval interval : Interval.values()) {
        for (TimeseriesMetric metric : TimeseriesMetric.values()) {
          store.unfold();
          List<TimePoint> unfolded = series.points(metric, interval, week);
          for (long through : new long[] {store.lastSeq() / 3, store.lastSeq() / 2, store.lastSeq()}) {
            store.unfold();
            store.fold(through);
            assertThat(series.points(metric, interval, week)).as("%s by %s folded through seq %d", metric, interval,
                through).isEqualTo(unfolded);
          }
        }
      }
    } finally {
      store.unfold();
      store.fold(store.lastSeq() / 2);
    }
  }

  @Test
  void dailySeriesOfEachMetric() {
    List<TimePoint> messages = series.points(TimeseriesMetric.MESSAGES, Interval.DAY, week);
    assertThat(on(messages, DAY_19)).isEqualTo(124.0);
    assertThat(on(messages, DAY_20)).isEqualTo(28.0);
    List<TimePoint> rating = series.points(TimeseriesMetric.AVG_RATING, Interval.DAY, week);
    assertThat(on(rating, DAY_19)).isCloseTo(51 / 16.0, within(1e-9));
    assertThat(on(rating, DAY_20)).isNull();
    List<TimePoint> latency = series.points(TimeseriesMetric.RESPONSE_LATENCY_P50, Interval.DAY, week);
    assertThat(on(latency, DAY_19)).isCloseTo(1550.0, within(1e-6));
    assertThat(on(latency, DAY_20)).isCloseTo(500.0, within(1e-6));
    List<TimePoint> abandoned = series.points(TimeseriesMetric.ABANDONED, Interval.DAY, week);
    assertThat(on(abandoned, DAY_19)).isEqualTo(0.0);
    assertThat(on(abandoned, DAY_20)).isEqualTo(10.0);
    List<TimePoint> conversion = series.points(TimeseriesMetric.CONVERSION_RATE, Interval.DAY, week);
    assertThat(on(conversion, DAY_19)).isCloseTo(4 / 32.0, within(1e-9));
    assertThat(on(conversion, DAY_20)).isEqualTo(0.0);
  }

  @Test
  void hourlySeriesSplitsTheMorning() {
    List<TimePoint> points = series.points(TimeseriesMetric.CONVERSATIONS, Interval.HOUR, week);
    assertThat(points).hasSize(7 * 24);
    // a01..a10 start from 08:00 five minutes apart; o01..o08 and p01..p05 at 11:40-11:50.
    assertThat(on(points, Instant.parse("2026-11-20T08:00:00Z"))).isEqualTo(10.0);
    assertThat(on(points, Instant.parse("2026-11-20T11:00:00Z"))).isEqualTo(13.0);
    // e01 and e02 start at 00:00 and 00:30.
    assertThat(on(points, DAY_19)).isEqualTo(2.0);
  }

  @Test
  void averageRatingByTheRoleOfTheRatedMessage() {
    BreakdownKey role = BreakdownKey.parse("role").orElseThrow();
    assertThat(breakdowns.breakdown(role, BreakdownMetric.AVG_RATING, week)).containsExactly(
        new BreakdownRow("human_agent", 4.5),
        // conversation-level ratings (5 x 4) and the rating of an unknown message (1).
        new BreakdownRow(null, 3.5),
        new BreakdownRow("ai_agent", 2.0));
  }

  @Test
  void conversationsByTheTraitOfTheLatestIdentify() {
    BreakdownKey plan = BreakdownKey.parse("userTrait.plan").orElseThrow();
    // pro: u01 (e01, a01, and e22 through the alias of anon-22), u21 (e21 through anon-21).
    assertThat(breakdowns.breakdown(plan, BreakdownMetric.CONVERSATIONS, week)).containsExactly(
        new BreakdownRow(null, 49), new BreakdownRow("pro", 4), new BreakdownRow("free", 2));
  }

  @Test
  void eventsByItemTypeAndMessagesByEvent() {
    assertThat(breakdowns.breakdown(BreakdownKey.parse("type").orElseThrow(), BreakdownMetric.EVENTS, week))
        .contains(new BreakdownRow("tool", 7), new BreakdownRow("image", 2), new BreakdownRow("carousel", 2),
            new BreakdownRow("form", 1), new BreakdownRow("link", 1), new BreakdownRow("video", 1));
    assertThat(breakdowns.breakdown(BreakdownKey.parse("event").orElseThrow(), BreakdownMetric.MESSAGES, week))
        .containsExactly(new BreakdownRow("Message Sent", 80), new BreakdownRow("Message Received", 72));
  }

  @Test
  void breakdownKeysOutsideTheWhitelistAreRejected() {
    for (String bad : Arrays.asList("userTrait.", "userTrait.a.b", "userTrait.x'--", "body", null)) {
      assertThat(BreakdownKey.parse(bad)).isEqualTo(Optional.empty());
    }
  }
}
