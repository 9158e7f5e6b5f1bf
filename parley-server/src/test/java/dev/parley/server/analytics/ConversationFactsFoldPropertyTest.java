package dev.parley.server.analytics;

import static dev.parley.server.testing.StoredEvent.track;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.StoredEvent;
import dev.parley.server.testing.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Folding never changes an answer: for random events of random conversations (arriving in
 * any order of event time, some outside the window) folded at random points in random
 * slices, the summary, the conversation list and the time series that read the facts equal
 * those of the same events with nothing folded, and those with everything folded.
 */
class ConversationFactsFoldPropertyTest {
  static final Instant T = Instant.parse("2026-11-10T10:00:00Z");
  static final TimeWindow WINDOW = new TimeWindow(T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(3)));
  static final AnalyticsSettings SETTINGS =
      new AnalyticsSettings(Clock.fixed(WINDOW.to(), ZoneOffset.UTC), Duration.ofMinutes(30));
  /** The series whose queries read the facts (through conversation-span and message-latencies). */
  private static final List<TimeseriesMetric> FACT_SERIES =
      List.of(TimeseriesMetric.ABANDONED, TimeseriesMetric.RESPONSE_LATENCY_P50);
  private static final List<String> EVENTS = List.of("Conversation Started", "Conversation Ended", "Message Sent",
      "Message Received", "Feedback Submitted", "Action Invoked", "Item Purchased", "Signed Up");

  /** One event: its conversation (null for none), name, time from T, who sent it, and a rating for feedback. */
  record Event(String conversation, String name, int seconds, String user, String anonymous, int rating) {}

  /** After inserting the event at {@code after}, fold at most {@code slice} events. */
  record Fold(int after, int slice) {}

  /** Every answer whose query reads the conversation facts. */
  record Answers(Summary summary, List<ConversationSummary> conversations, List<List<TimePoint>> series) {}

  @Property(tries = 25)
  void foldedAnswersEqualUnfoldedOnes(@ForAll("events") List<Event> events, @ForAll("folds") List<Fold> folds)
      throws Exception {
    try (TestStore store = TestStore.inMemory()) {
      for (int i = 0; i < events.size(); i++) {
        store.insert(row(events.get(i), i));
        for (Fold fold : folds) {
          if (fold.after() == i) {
            store.fold(fold.slice());
          }
        }
      }
      Answers folded = answers(store);

      store.unfold();
      Answers unfolded = answers(store);
      assertSame(folded, unfolded, "folded at " + folds);

      store.fold(1_000);
      assertSame(answers(store), unfolded, "everything folded");
    }
  }

  @Provide
  Arbitrary<List<Event>> events() {
    return randomEvents();
  }

  /** Random events of random conversations (also what the stores are compared on, in cluster mode's tests). */
  static Arbitrary<List<Event>> randomEvents() {
    Arbitrary<Event> event = Combinators.combine(
        Arbitraries.of("a", "b", "c", "d").injectNull(0.1),
        Arbitraries.of(EVENTS),
        Arbitraries.integers().between(-2 * 3600, 4 * 3600),
        Arbitraries.of("u1", "u2", "u3").injectNull(0.3),
        Arbitraries.of("anon-1", "anon-2").injectNull(0.5),
        Arbitraries.integers().between(1, 5)).as(Event::new);
    return event.list().ofMinSize(8).ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<Fold>> folds() {
    return Combinators.combine(Arbitraries.integers().between(0, 29), Arbitraries.integers().between(1, 12))
        .as(Fold::new).list().ofMaxSize(8);
  }

  static StoredEvent row(Event e, int index) {
    StoredEvent row = track(e.name(), e.conversation(), T.plusSeconds(e.seconds()));
    if (e.name().startsWith("Message")) {
      row = row.message("m" + index).body("text " + index);
    }
    if (e.name().equals("Feedback Submitted")) {
      row = row.rating(e.rating());
    }
    if (e.name().equals("Action Invoked")) {
      row = row.item("search", "run", null);
    }
    if (e.anonymous() != null) {
      row = row.anonymous(e.anonymous());
    }
    return e.user() != null || e.anonymous() == null ? row.user(e.user() == null ? "u0" : e.user()) : row;
  }

  private static Answers answers(TestStore store) {
    Summary summary = new SummaryQueries(store.connections(), SETTINGS, Dialect.DUCKDB).summary(WINDOW);
    List<ConversationSummary> conversations = new ConversationQueries(store.connections(), SETTINGS, Dialect.DUCKDB)
        .page(ConversationFilter.all(WINDOW), ConversationQueries.MAX_LIMIT, Optional.empty()).items();
    TimeseriesQueries timeseries = new TimeseriesQueries(store.connections(), SETTINGS, Dialect.DUCKDB);
    List<List<TimePoint>> series = new ArrayList<>();
    for (TimeseriesMetric metric : FACT_SERIES) {
      series.add(timeseries.points(metric, Interval.HOUR, WINDOW));
    }
    return new Answers(summary, conversations, series);
  }

  /** Part by part, so that a failure shows the answer that differs. */
  private static void assertSame(Answers actual, Answers expected, String when) {
    assertThat(actual.summary()).as("the summary, %s", when).isEqualTo(expected.summary());
    assertThat(actual.conversations()).as("the conversation list, %s", when).isEqualTo(expected.conversations());
    for (int i = 0; i < FACT_SERIES.size(); i++) {
      assertThat(actual.series().get(i)).as("the %s series, %s", FACT_SERIES.get(i).wireName(), when)
          .isEqualTo(expected.series().get(i));
    }
  }
}
