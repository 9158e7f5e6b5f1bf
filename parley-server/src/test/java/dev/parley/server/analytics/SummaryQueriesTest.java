package dev.parley.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.server.testing.CopilotScenario;
import dev.parley.server.testing.ScenarioStore;
import dev.parley.server.testing.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every summary field of {@link CopilotScenario}, against values worked out by hand, with the
 * first half of the events folded into the conversation facts and the rest not; and the same
 * answers whatever has been folded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryQueriesTest {
  /** How this class makes its stores: the embedded store's; cluster mode's tests give PostgreSQL's. */
  protected ScenarioStore.Factory stores() {
    return TestStore::create;
  }

  @TempDir static Path dir;
  private ScenarioStore store;
  private Summary summary;

  @BeforeAll
  void writeScenario() throws Exception {
    store = stores().create(dir);
    CopilotScenario.write(store);
    store.fold(store.lastSeq() / 2);
    summary = summarise();
  }

  private Summary summarise() {
    return new SummaryQueries(store.connections(),
        new AnalyticsSettings(CopilotScenario.clock(), CopilotScenario.IDLE_TIMEOUT), store.dialect())
        .summary(new TimeWindow(CopilotScenario.FROM, CopilotScenario.TO));
  }

  @Test
  void theAnswersDoNotDependOnWhatHasBeenFolded() {
    try {
      for (long through = 0; through <= store.lastSeq() + 40; through += 40) {
        store.unfold();
        if (through > 0) {
          store.fold(through);
        }
        assertThat(summarise()).as("folded through seq %d", through).isEqualTo(summary);
      }
      store.unfold();
      for (long folded = 0; folded < store.lastSeq(); folded += 7) {
        store.fold(7); // conversations merged across many folds
      }
      assertThat(summarise()).as("folded 7 events at a time").isEqualTo(summary);
    } finally {
      store.unfold();
      store.fold(store.lastSeq() / 2);
    }
  }

  @AfterAll
  void closeStore() throws Exception {
    store.close();
  }

  @Test
  void countsConversationsByLifecycle() {
    // 30 ended + 10 abandoned + 8 open + x01 + x02 + 5 with equal timestamps; old01 is outside.
    assertThat(summary.conversations()).isEqualTo(55);
    assertThat(summary.conversationsStarted()).isEqualTo(55);
    assertThat(summary.conversationsEnded()).isEqualTo(32);
    // a01..a10 went quiet before 11:30; o01..o08 and p01..p05 did not.
    assertThat(summary.abandoned()).isEqualTo(10);
  }

  @Test
  void countsMessagesAndAveragesOverConversationsWithMessages() {
    assertThat(summary.messagesSent()).isEqualTo(60 + 10 + 8 + 1 + 1);
    assertThat(summary.messagesReceived()).isEqualTo(60 + 10 + 1 + 1);
    // 152 messages in the 50 conversations that have any (p01..p05 have none).
    assertThat(summary.avgMessagesPerConversation()).isCloseTo(152 / 50.0, within(1e-9));
  }

  @Test
  void measuresResponseLatencyFromTheLatestEarlierMessageSent() {
    // 100..3000 ms twice (e01..e30), 500 ms x10 (a), 6000 ms (x01: sent before the start), 1000 ms (x02).
    assertThat(summary.responseLatencyMs().p50()).isCloseTo(1300.0, within(1e-6));
    assertThat(summary.responseLatencyMs().p90()).isCloseTo(2700.0, within(1e-6));
    assertThat(summary.responseLatencyMs().p99()).isCloseTo(3870.0, within(1e-6));
  }

  @Test
  void measuresDurationFromFirstToLastEvent() {
    // 51..80 s (e), 2.5 s x10 (a), 1 s x8 (o), 20 s (x01), 3 s (x02), 0 x5 (p).
    assertThat(summary.durationMs().p50()).isCloseTo(53000.0, within(1e-6));
    assertThat(summary.durationMs().p90()).isCloseTo(74600.0, within(1e-6));
    assertThat(summary.durationMs().p99()).isCloseTo(79460.0, within(1e-6));
  }

  @Test
  void summarisesRatingsAtBothLevels() {
    Summary.Feedback feedback = summary.feedback();
    assertThat(feedback.count()).isEqualTo(16);
    assertThat(feedback.avgRating()).isCloseTo(51 / 16.0, within(1e-9));
    assertThat(feedback.distribution()).containsExactly(
        Map.entry("1", 3L), Map.entry("2", 2L), Map.entry("3", 2L), Map.entry("4", 7L), Map.entry("5", 2L));
    assertThat(feedback.messageRatings()).isEqualTo(11);
    assertThat(feedback.conversationRatings()).isEqualTo(5);
  }

  @Test
  void countsActionsMediaAndComponentsMostUsedFirst() {
    assertThat(summary.actions()).containsExactly(
        new Summary.ActionCount("tool", "search", 5),
        new Summary.ActionCount("tool", "checkout", 2),
        new Summary.ActionCount("link", "open", 1));
    assertThat(summary.media()).containsExactly(
        new Summary.MediaCount("image", "png", 2), new Summary.MediaCount("video", "mp4", 1));
    assertThat(summary.components()).containsExactly(
        new Summary.ComponentCount("carousel", 2), new Summary.ComponentCount("form", 1));
  }

  @Test
  void countsOutcomesAndConversion() {
    assertThat(summary.outcomes()).containsExactly(
        new Summary.OutcomeCount("Item Purchased", 4, 3), new Summary.OutcomeCount("Ticket Opened", 1, 1));
    assertThat(summary.conversionRate()).isCloseTo(4 / 55.0, within(1e-9));
  }

  @Test
  void countsPeopleOnceAcrossLinkedIdentities() {
    // u01..u21 (anon-21 identified as u21, anon-22 aliased to u01), anon-23..anon-30,
    // u30..u37, u40, u41, anon-p.
    assertThat(summary.users()).isEqualTo(21 + 8 + 8 + 2 + 1);
  }

  @Test
  void countsViolationsInTheWindowOnly() {
    assertThat(summary.violations()).isEqualTo(3);
    assertThat(summary.from()).isEqualTo(CopilotScenario.FROM);
  }

  @Test
  void anEmptyWindowHasZerosAndNoQuantiles() {
    Summary empty = new SummaryQueries(store.connections(),
        new AnalyticsSettings(CopilotScenario.clock(), CopilotScenario.IDLE_TIMEOUT), store.dialect())
        .summary(new TimeWindow(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T00:00:00Z")));
    assertThat(empty.conversations()).isZero();
    assertThat(empty.avgMessagesPerConversation()).isNull();
    assertThat(empty.responseLatencyMs().p50()).isNull();
    assertThat(empty.feedback().avgRating()).isNull();
    assertThat(empty.conversionRate()).isNull();
    assertThat(empty.actions()).isEmpty();
  }
}
