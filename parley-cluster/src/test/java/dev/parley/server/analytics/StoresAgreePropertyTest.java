package dev.parley.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.postgres.PostgresScenarioStore;
import dev.parley.cluster.testing.PostgresServer;
import dev.parley.server.analytics.ConversationFactsFoldPropertyTest.Event;
import dev.parley.server.testing.ScenarioStore;
import dev.parley.server.testing.StoredEvent;
import dev.parley.server.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The embedded store and cluster mode's store give the same answers: random events of random
 * conversations (any order of event time, some outside the window, some without a
 * conversation or a user) stored in DuckDB and in PostgreSQL, then the summary, the
 * conversation list, every hourly series, the attribution of every kind, the models and the
 * topics (every conversation put in one of two, figures under the list's filters) read from
 * each; and the people of windows whose ends fall anywhere in an hour (PostgreSQL reads
 * whole hours from a rollup and the rest from events).
 */
@AddLifecycleHook(StoresAgreePropertyTest.NeedsPostgres.class)
class StoresAgreePropertyTest {
  private static PostgresServer postgres;

  /** Skips the property, saying how to run it, where PostgreSQL is neither installed nor required. */
  static final class NeedsPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      try {
        return PostgresServer.skipReason().map(SkipResult::skip).orElse(SkipResult.doNotSkip());
      } catch (java.io.IOException e) {
        return SkipResult.skip("cannot look for PostgreSQL: " + e.getMessage());
      }
    }
  }

  /** Every answer the read API builds from the events. */
  record Answers(Summary summary, List<ConversationSummary> conversations, List<ConversationSummary> paged,
      List<List<TimePoint>> series, List<UsageFigures.Attribution> attribution, List<UsageFigures.ModelRow> models,
      List<List<TopicQueries.Topic>> topics, List<List<ConversationSummary>> topicPages) {}

  @BeforeContainer
  static void startPostgres() throws Exception {
    postgres = PostgresServer.start();
  }

  @AfterContainer
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Property(tries = 30)
  void duckDbAndPostgresAnswerAlike(@ForAll("events") List<Event> events) throws Exception {
    try (TestStore duck = TestStore.inMemory();
        PostgresScenarioStore pg = PostgresScenarioStore.create(postgres.jdbcUrl())) {
      for (int i = 0; i < events.size(); i++) {
        duck.insert(ConversationFactsFoldPropertyTest.row(events.get(i), i));
        pg.insert(ConversationFactsFoldPropertyTest.row(events.get(i), i));
      }
      java.util.Map<String, Integer> topicOf = new java.util.TreeMap<>();
      events.stream().map(Event::conversation).filter(java.util.Objects::nonNull)
          .forEach(c -> topicOf.put(c, 1 + (c.charAt(0) - 'a') % 2));
      duck.topics(topicOf);
      pg.topics(topicOf);
      duck.fold(1_000);
      Answers embedded = answers(duck);
      Answers cluster = answers(pg);

      assertThat(cluster.summary()).as("the summary").isEqualTo(embedded.summary());
      assertThat(cluster.conversations()).as("the conversation list").isEqualTo(embedded.conversations());
      assertThat(cluster.paged()).as("the conversation list, two at a time").isEqualTo(embedded.conversations());
      for (int i = 0; i < TimeseriesMetric.values().length; i++) {
        assertThat(cluster.series().get(i)).as("the %s series", TimeseriesMetric.values()[i].wireName())
            .isEqualTo(embedded.series().get(i));
      }
      for (int i = 0; i < AttributionKind.values().length; i++) {
        assertThat(cluster.attribution().get(i)).as("attribution by %s", AttributionKind.values()[i].wireName())
            .isEqualTo(embedded.attribution().get(i));
      }
      assertThat(cluster.models()).as("the models").isEqualTo(embedded.models());
      assertThat(cluster.topics()).as("the topics").isEqualTo(embedded.topics());
      assertThat(cluster.topicPages()).as("each topic's conversations").isEqualTo(embedded.topicPages());
    }
  }

  @Property(tries = 15)
  void thePeopleOfAnyWindowAgree(@ForAll("crowd") List<StoredEvent> events, @ForAll("windows") List<TimeWindow> windows)
      throws Exception {
    try (TestStore duck = TestStore.inMemory();
        PostgresScenarioStore pg = PostgresScenarioStore.create(postgres.jdbcUrl())) {
      for (StoredEvent event : events) {
        duck.insert(event);
        pg.insert(event);
      }
      duck.fold(1_000);
      AnalyticsSettings settings = ConversationFactsFoldPropertyTest.SETTINGS;
      for (TimeWindow window : windows) {
        long embedded = new SummaryQueries(duck.connections(), settings, duck.dialect()).summary(window).users();
        long cluster = new SummaryQueries(pg.connections(), settings, pg.dialect()).summary(window).users();
        assertThat(cluster).as("the people of %s", window).isEqualTo(embedded);
      }
    }
  }

  /**
   * Events of many people (30 user ids, 20 anonymous ids, some events with neither) over six
   * hours, at any microsecond, many on an hour's first or last one; identifies and aliases
   * among them link ids to users.
   */
  @Provide
  Arbitrary<List<StoredEvent>> crowd() {
    Arbitrary<Instant> at = Combinators.combine(Arbitraries.integers().between(-2, 3),
        Arbitraries.oneOf(Arbitraries.longs().between(0, 3_599_999_999L), Arbitraries.of(0L, 1L, 3_599_999_999L)))
        .as((hour, micros) -> ConversationFactsFoldPropertyTest.T.plus(Duration.ofHours(hour)).plus(micros,
            ChronoUnit.MICROS));
    Arbitrary<String> user = Arbitraries.integers().between(0, 29).map(n -> "u" + n);
    Arbitrary<String> anonymous = Arbitraries.integers().between(0, 19).map(n -> "anon-" + n);
    Arbitrary<StoredEvent> track = Combinators.combine(Arbitraries.of("a", "b", "c").injectNull(0.1),
        Arbitraries.of("Message Sent", "Message Received", "Conversation Started"), at, user.injectNull(0.4),
        anonymous.injectNull(0.5)).as((conversation, name, ts, u, a) -> {
          StoredEvent e = StoredEvent.track(name, conversation, ts);
          e = u == null ? e : e.user(u);
          return a == null ? e : e.anonymous(a);
        });
    Arbitrary<StoredEvent> identify = Combinators.combine(user, anonymous, at)
        .as((u, a, ts) -> StoredEvent.identify(u, a, null, ts));
    Arbitrary<StoredEvent> alias = Combinators.combine(user, Arbitraries.oneOf(user, anonymous), at)
        .as(StoredEvent::alias);
    return Arbitraries.frequencyOf(Tuple.of(8, track), Tuple.of(1, identify), Tuple.of(1, alias))
        .list().ofMinSize(1).ofMaxSize(120);
  }

  /** Windows within and across hours, their ends anywhere in an hour, some on one. */
  @Provide
  Arbitrary<List<TimeWindow>> windows() {
    Arbitrary<Integer> second = Arbitraries.oneOf(Arbitraries.integers().between(-3 * 3600, 5 * 3600),
        Arbitraries.integers().between(-3, 5).map(h -> h * 3600));
    return Combinators.combine(second, Arbitraries.integers().between(1, 5 * 3600))
        .as((from, length) -> new TimeWindow(ConversationFactsFoldPropertyTest.T.plusSeconds(from),
            ConversationFactsFoldPropertyTest.T.plusSeconds(from + length)))
        .list().ofSize(6);
  }

  @Provide
  Arbitrary<List<Event>> events() {
    return ConversationFactsFoldPropertyTest.randomEvents();
  }

  private static Answers answers(ScenarioStore store) {
    AnalyticsSettings settings = ConversationFactsFoldPropertyTest.SETTINGS;
    TimeWindow window = ConversationFactsFoldPropertyTest.WINDOW;
    Summary summary = new SummaryQueries(store.connections(), settings, store.dialect()).summary(window);
    List<ConversationSummary> conversations = new ConversationQueries(store.connections(), settings, store.dialect())
        .page(ConversationFilter.all(window), ConversationQueries.MAX_LIMIT, Optional.empty()).items();
    ConversationQueries pages = new ConversationQueries(store.connections(), settings, store.dialect());
    List<ConversationSummary> paged = new ArrayList<>();
    Optional<PageCursor> cursor = Optional.empty();
    do {
      ConversationPage page = pages.page(ConversationFilter.all(window), 2, cursor);
      paged.addAll(page.items());
      cursor = page.next();
    } while (cursor.isPresent());
    TimeseriesQueries timeseries = new TimeseriesQueries(store.connections(), settings, store.dialect());
    List<List<TimePoint>> series = new ArrayList<>();
    for (TimeseriesMetric metric : TimeseriesMetric.values()) {
      series.add(timeseries.points(metric, Interval.HOUR, window));
    }
    UsageQueries usage = new UsageQueries(store.connections(), settings, store.dialect());
    List<UsageFigures.Attribution> attribution = new ArrayList<>();
    for (AttributionKind kind : AttributionKind.values()) {
      attribution.add(usage.attribution(kind, window));
    }
    // the topics over the window, alone and with each of the list's filters that reads the facts,
    // and over hours that many conversations span, some without an event in them
    TopicQueries topicQueries = new TopicQueries(store.connections(), settings, store.dialect());
    ConversationFilter all = ConversationFilter.all(window);
    List<List<TopicQueries.Topic>> topics = new ArrayList<>();
    for (ConversationFilter filter : List.of(all, all.withStatus(ConversationStatus.ABANDONED),
        all.withStatus(ConversationStatus.OPEN), all.withMinRating(3.0), all.withHasOutcome(true), all.withUserId("u1"))) {
      topics.add(topicQueries.overview(filter).items());
    }
    Instant t = ConversationFactsFoldPropertyTest.T;
    for (int hour = -1; hour < 3; hour++) {
      topics.add(topicQueries.overview(ConversationFilter.all(new TimeWindow(t.plus(Duration.ofHours(hour)),
          t.plus(Duration.ofHours(hour + 1))))).items());
    }
    List<List<ConversationSummary>> topicPages = new ArrayList<>();
    for (int topic = 1; topic <= 2; topic++) {
      topicPages.add(pages.page(all.withTopic(topic), ConversationQueries.MAX_LIMIT, Optional.empty()).items());
    }
    return new Answers(summary, conversations, paged, series, attribution, usage.byModel(window), topics, topicPages);
  }
}
