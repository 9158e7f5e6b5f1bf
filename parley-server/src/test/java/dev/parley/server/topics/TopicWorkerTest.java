package dev.parley.server.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.analytics.AnalyticsSettings;
import dev.parley.server.analytics.ConversationFilter;
import dev.parley.server.analytics.ConversationQueries;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.analytics.TimeWindow;
import dev.parley.server.analytics.TopicQueries;
import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.store.DuckDbStore;
import dev.parley.server.store.ReadConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic worker over a real embedded store, with a word-hashing stand-in for the model:
 * topics appear once enough conversations exist, new conversations join their nearest topic at
 * once, figures per topic, erasure, and what content modes leave without text.
 */
public class TopicWorkerTest {
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
  private static final int MIN = 30;
  /** Each intent's words; every message adds a word of its own, so no two are alike. */
  private static final Map<String, String> INTENTS = Map.of(
      "refund", "refund money back", "delivery", "parcel delivery courier", "password", "password login reset");

  /** The store the worker runs on, as the tests drive it. */
  protected interface Store extends AutoCloseable {
    /** Stores the events in one load, as the loader would. */
    void commit(List<NormalisedEvent> events);

    ReadConnections reads();

    Dialect dialect();

    /** The worker's writes, as the server gives them. */
    TopicWorker.Writer writer();

    void erase(String userId, Instant at);

    @Override
    void close();
  }

  /** The embedded store; a subclass runs every test on another. */
  protected Store open(Path dir) {
    DuckDbStore duck = DuckDbStore.open(dir);
    return new Store() {
      @Override
      public void commit(List<NormalisedEvent> events) {
        duck.commit(List.of(new Submission(events, List.of())));
      }

      @Override
      public ReadConnections reads() {
        return duck.readConnections();
      }

      @Override
      public Dialect dialect() {
        return Dialect.DUCKDB;
      }

      @Override
      public TopicWorker.Writer writer() {
        return duck::writeDerived;
      }

      @Override
      public void erase(String userId, Instant at) {
        duck.erase(userId, at);
      }

      @Override
      public void close() {
        duck.close();
      }
    };
  }

  @TempDir Path dir;
  private Store store;
  private TopicWorker worker;
  private final Metrics metrics = new Metrics();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, String> intentOf = new HashMap<>();
  private Clock clock = Clock.fixed(T.plus(Duration.ofHours(1)), ZoneOffset.UTC);

  @BeforeEach
  void open() {
    store = open(dir);
    worker = newWorker();
  }

  private TopicWorker newWorker() {
    return newWorker(store.writer());
  }

  private TopicWorker newWorker(TopicWorker.Writer writer) {
    TopicWorker.Settings s = TopicWorker.Settings.defaults();
    return new TopicWorker(new TopicStore(store.reads(), store.dialect()), writer, new WordHashEmbedder(), metrics,
        clock, new TopicWorker.Settings(50, 8, s.idle(), MIN, s.growth(), s.minInterval(), s.every(), 7, 1.0, 1.0, 1.0), () -> 0.0);
  }

  @AfterEach
  void close() {
    worker.close();
    store.close();
  }

  private NormalisedEvent event(String user, String conversation, String name, String body, Double rating, Instant ts) {
    return new NormalisedEvent("src", "m" + ids.incrementAndGet(), "track", name, user, null, null, conversation, null,
        null, body, null, null, null, rating, null, ts, null, null, ts, "{}", List.of());
  }

  /** A conversation about {@code intent}: started, the first message, a reply after {@code replyMs}, more when asked. */
  private String conversation(String user, String intent, int n, long replyMs, Double rating, boolean outcome) {
    String id = intent + "-" + user + "-" + n + "-" + ids.get();
    String text = INTENTS.get(intent) + " " + unique();
    return conversation(user, id, text, replyMs, rating, outcome, intent);
  }

  private String conversation(String user, String id, String text, long replyMs, Double rating, boolean outcome,
      String intent) {
    Instant at = T.plusSeconds(ids.get());
    List<NormalisedEvent> events = new ArrayList<>();
    events.add(event(user, id, "Conversation Started", null, null, at));
    events.add(event(user, id, "Message Sent", text, null, at.plusMillis(10)));
    events.add(event(user, id, "Message Received", "an answer", null, at.plusMillis(10 + replyMs)));
    events.add(event(user, id, "Message Sent", "and a second question", null, at.plusMillis(20 + replyMs)));
    if (rating != null) {
      events.add(event(user, id, "Feedback Submitted", null, rating, at.plusMillis(30 + replyMs)));
    }
    if (outcome) {
      events.add(event(user, id, "Order Completed", null, null, at.plusMillis(40 + replyMs)));
    }
    store.commit(events);
    intentOf.put(id, intent);
    return id;
  }

  /** A word no other message has (letters only: the stand-in model splits on the rest). */
  private String unique() {
    StringBuilder w = new StringBuilder("q");
    for (int n = ids.incrementAndGet(); n > 0; n /= 26) {
      w.append((char) ('a' + n % 26));
    }
    return w.toString();
  }

  private void conversations(int each) {
    for (String intent : List.of("refund", "delivery", "password")) {
      for (int i = 0; i < each; i++) {
        conversation("u" + i, intent, i, 1000, null, false);
      }
    }
  }

  private Map<String, Integer> topicOf() throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = store.reads().open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT conversation_id, topic_id FROM topic_docs WHERE topic_id IS NOT NULL")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  private TopicQueries queries() {
    return new TopicQueries(store.reads(), new AnalyticsSettings(clock, Duration.ofMinutes(30)), store.dialect());
  }

  private static ConversationFilter window() {
    return ConversationFilter.all(new TimeWindow(T.minus(Duration.ofDays(1)), T.plus(Duration.ofDays(1))));
  }

  @Test
  void firstTopicsAppearOnceEnoughConversationsExistAndGroupEachIntent() throws SQLException {
    conversations(9); // 27 < 30
    worker.runUntilIdle();
    TopicQueries.Overview before = queries().overview(window());
    assertThat(before.items()).isEmpty();
    assertThat(before.status().withText()).isEqualTo(27);
    assertThat(before.status().notice()).contains("topics appear once " + TopicModel.MIN_CONVERSATIONS);

    conversations(12); // 27 + 36 = 63
    assertThat(worker.step()).isTrue();
    assertThat(worker.backlog()).as("read 50 events of many").isPositive();
    worker.runUntilIdle();
    assertThat(worker.backlog()).isZero();
    assertThat(metrics.counter("parley_topics_embedded_conversations_total", "")).isEqualTo(63);

    TopicQueries.Overview after = queries().overview(window());
    assertThat(after.items()).hasSize(3);
    Map<String, Integer> topics = topicOf();
    assertThat(topics).hasSize(63);
    List<String> truth = new ArrayList<>();
    List<Integer> found = new ArrayList<>();
    topics.forEach((conversation, topic) -> {
      truth.add(intentOf.get(conversation));
      found.add(topic);
    });
    assertThat(AdjustedRand.of(truth, found)).isEqualTo(1.0);
    for (TopicQueries.Topic t : after.items()) {
      assertThat(t.conversations()).isEqualTo(21);
      assertThat(t.share()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(t.keywords()).isNotEmpty();
      assertThat(t.examples()).hasSize(TopicModel.EXAMPLES);
      assertThat(t.trend()).extracting(p -> p.value()).contains(21.0);
    }
    assertThat(after.items()).extracting(t -> t.keywords().contains("refund") + " " + t.keywords().contains("parcel")
        + " " + t.keywords().contains("login")).containsExactlyInAnyOrder("true false false", "false true false",
        "false false true");
  }

  /** Closing waits for the worker's thread: once closed, a step starts nothing more (no recompute). */
  @Test
  void aClosedWorkerStartsNoMoreWorkAndFailsWhatWasAsked() throws SQLException {
    conversations(12);
    do {
      assertThat(worker.step()).isTrue(); // reads every conversation; the recompute they make due comes after
    } while (worker.backlog() > 0);
    java.util.concurrent.CompletableFuture<TopicWorker.Recomputed> asked = worker.recompute();
    worker.close();

    assertThat(worker.step()).isFalse();
    assertThat(queries().overview(window()).items()).as("no topics computed after close").isEmpty();
    assertThat(asked).isCompletedExceptionally();
  }

  @Test
  void aNewConversationJoinsItsNearestTopicAtOnceWithoutARecompute() throws SQLException {
    conversations(12);
    worker.runUntilIdle();
    Map<String, Integer> topics = topicOf();
    Instant computed = new TopicStore(store.reads(), store.dialect()).state().computedAt();
    String refundTopicHolder = topics.keySet().stream().filter(id -> id.startsWith("refund-")).findFirst().orElseThrow();

    String fresh = conversation("new", "fresh-refund", "please refund my money back", 500, null, false, "refund");
    worker.runUntilIdle();

    assertThat(topicOf().get(fresh)).isEqualTo(topics.get(refundTopicHolder));
    assertThat(new TopicStore(store.reads(), store.dialect()).state().computedAt()).isEqualTo(computed);
  }

  @Test
  void figuresPerTopicFollowTheirConversationsAndTheListFilters() throws SQLException {
    for (int i = 0; i < 12; i++) {
      conversation("r" + i, "refund", i, 2000, i < 6 ? 2.0 : null, false);
      conversation("d" + i, "delivery", i, 4000, 5.0, i % 2 == 0);
      conversation("p" + i, "password", i, 1000, null, false);
    }
    worker.runUntilIdle();
    Map<String, TopicQueries.Topic> byWord = new HashMap<>();
    for (TopicQueries.Topic t : queries().overview(window()).items()) {
      for (String w : List.of("refund", "parcel", "login")) {
        if (t.keywords().contains(w)) {
          byWord.put(w, t);
        }
      }
    }
    TopicQueries.Topic refund = byWord.get("refund");
    TopicQueries.Topic delivery = byWord.get("parcel");
    TopicQueries.Topic password = byWord.get("login");
    assertThat(refund.avgRating()).isEqualTo(2.0);
    assertThat(refund.conversionRate()).isZero();
    assertThat(refund.responseLatencyP50Ms()).isEqualTo(2000.0);
    assertThat(delivery.avgRating()).isEqualTo(5.0);
    assertThat(delivery.conversionRate()).isEqualTo(0.5);
    assertThat(delivery.responseLatencyP50Ms()).isEqualTo(4000.0);
    assertThat(password.avgRating()).isNull();
    assertThat(password.responseLatencyP50Ms()).isEqualTo(1000.0);
    // every conversation was started 1 h before the clock and never ended: abandoned (idle 30 min)
    assertThat(password.abandonmentRate()).isEqualTo(1.0);

    // the conversation list's filters apply: only the converted ones
    List<TopicQueries.Topic> converted = queries().overview(window().withHasOutcome(true)).items();
    assertThat(converted).filteredOn(t -> t.conversations() > 0).singleElement()
        .satisfies(t -> assertThat(t.id()).isEqualTo(delivery.id()))
        .satisfies(t -> assertThat(t.conversations()).isEqualTo(6));

    // and the conversation list takes a topic
    ConversationQueries list = new ConversationQueries(store.reads(),
        new AnalyticsSettings(clock, Duration.ofMinutes(30)), store.dialect());
    assertThat(list.page(window().withTopic(password.id()), 100, Optional.empty()).items())
        .hasSize(12).allSatisfy(c -> assertThat(c.conversationId()).startsWith("password-"));
  }

  @Test
  void erasingAUserRemovesTheirEmbeddingsAndTheirWordsFromTheNames() throws SQLException {
    conversations(12);
    for (int i = 0; i < 8; i++) {
      conversation("secretive", "refund-zanzibar-" + i, "zanzibar zanzibar refund money back " + unique(), 100, null, false, "refund");
    }
    worker.runUntilIdle();
    TopicQueries.Topic refund = queries().overview(window()).items().stream()
        .filter(t -> t.keywords().contains("refund")).findFirst().orElseThrow();
    assertThat(refund.keywords()).as("before: their word names the topic").contains("zanzibar");

    store.erase("secretive", T.plus(Duration.ofHours(2)));

    assertThat(topicOf().keySet()).noneMatch(id -> id.startsWith("refund-zanzibar"));
    assertThat(queries().overview(window()).items()).allSatisfy(t -> {
      assertThat(t.label()).isNull();
      assertThat(t.examples()).isEmpty();
    });
    worker.runUntilIdle();
    assertThat(queries().overview(window()).items()).allSatisfy(t -> {
      assertThat(t.label()).isNotNull().doesNotContain("zanzibar");
      assertThat(t.keywords()).doesNotContain("zanzibar");
      assertThat(t.examples()).noneMatch(e -> e.text().contains("zanzibar") || e.conversationId().contains("zanzibar"));
    });
  }

  /**
   * The worker embeds a conversation's first message, then its author is erased before the
   * worker writes: nothing made of that text is kept, though the conversation still has another
   * person's message.
   */
  @Test
  void aFirstMessageErasedBetweenItsReadAndTheWriteLeavesNoDoc() throws SQLException {
    Instant at = T.plusSeconds(5);
    store.commit(List.of(event("secretive", "shared", "Message Sent", "zanzibar refund money back", null, at),
        event("other", "shared", "Message Sent", "and a question of mine", null, at.plusSeconds(1))));
    java.util.concurrent.atomic.AtomicBoolean erased = new java.util.concurrent.atomic.AtomicBoolean();
    TopicWorker.Writer erasingFirst = new TopicWorker.Writer() {
      @Override
      public <R> R write(dev.parley.server.store.DerivedWrite<R> work) {
        if (erased.compareAndSet(false, true)) {
          store.erase("secretive", T.plus(Duration.ofHours(2)));
        }
        return store.writer().write(work);
      }
    };
    worker.close();
    worker = newWorker(erasingFirst);
    worker.runUntilIdle();

    assertThat(erased).isTrue();
    try (Connection c = store.reads().open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM topic_docs WHERE conversation_id = 'shared'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("no embedding of the erased message").isZero();
    }
  }

  @Test
  void messagesWithoutTextAreCountedAndSaidSo() throws SQLException {
    for (int i = 0; i < 40; i++) {
      conversation("h" + i, "hashed-" + i, i % 2 == 0 ? "hmac-sha256:" + "ab".repeat(32) : "[DROPPED]", 100, null,
          false, "none");
    }
    worker.runUntilIdle();
    TopicQueries.Overview overview = queries().overview(window());
    assertThat(overview.items()).isEmpty();
    assertThat(overview.status().conversationsRead()).isEqualTo(40);
    assertThat(overview.status().withText()).isZero();
    assertThat(overview.status().notice()).contains("no text").contains("hash or drop");
  }

  @Test
  void recomputingKeepsTheIdsOfTheSameGroups() throws SQLException {
    conversations(12);
    worker.runUntilIdle();
    Map<String, Integer> first = topicOf();
    worker.recompute();
    worker.runUntilIdle();
    assertThat(topicOf()).isEqualTo(first);
  }
}
