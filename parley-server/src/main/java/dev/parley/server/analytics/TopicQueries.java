package dev.parley.server.analytics;

import dev.parley.server.store.ConversationFacts;
import dev.parley.server.store.ReadConnections;
import dev.parley.server.topics.TopicStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What users ask about: each topic with its figures over the conversations of a window that
 * pass the conversation list's filters, from either store. Thread-safe.
 */
public final class TopicQueries {
  /** Windows up to this long have daily trend points; longer ones weekly. */
  static final Duration DAILY_UP_TO = Duration.ofDays(92);

  private final StoreReader store;
  private final TopicStore topics;
  private final AnalyticsSettings settings;
  private final NamedSql figuresSql;
  private final NamedSql latencySql;

  /** Topics of the embedded store. */
  public TopicQueries(ReadConnections connections, AnalyticsSettings settings) {
    this(connections, settings, Dialect.DUCKDB);
  }

  public TopicQueries(ReadConnections connections, AnalyticsSettings settings, Dialect dialect) {
    this.store = new StoreReader(connections);
    this.topics = new TopicStore(connections, dialect);
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.figuresSql = NamedSql.load(dialect, "topics-figures");
    this.latencySql = NamedSql.load(dialect, "topics-latency");
  }

  /** A first message that shows what a topic is about. */
  public record Example(String conversationId, String text) {}

  /**
   * A topic and its figures. {@code label} and {@code keywords} are null while the topic is
   * being named again (after an erasure). Rates are shares of its conversations; null without any.
   */
  public record Topic(int id, String label, List<String> keywords, long conversations, double share,
      Double conversionRate, Double avgRating, Double abandonmentRate, Double responseLatencyP50Ms,
      String trendInterval, List<TimePoint> trend, List<Example> examples) {}

  /** How far topics have come: conversations read, how many had text, and when topics were last computed. */
  public record Status(long conversationsRead, long withText, long withTopic, Instant computedAt,
      int minConversations, String notice) {}

  /** The topics, most conversations first, and the status. */
  public record Overview(List<Topic> items, Status status) {}

  public Overview overview(ConversationFilter filter) {
    try {
      List<TopicStore.StoredTopic> stored = topics.topics();
      Map<Integer, Figures> figures = figures(filter);
      long total = figures.values().stream().mapToLong(f -> f.conversations).sum();
      Map<String, String> texts = topics.firstTexts(stored.stream().flatMap(t -> t.examples().stream()).toList());
      List<Topic> items = new ArrayList<>();
      for (TopicStore.StoredTopic t : stored) {
        items.add(topic(t, figures.getOrDefault(t.id(), new Figures()), total, filter.window(), texts));
      }
      items.sort(Comparator.comparingLong(Topic::conversations).reversed().thenComparingInt(Topic::id));
      return new Overview(items, status(stored));
    } catch (SQLException e) {
      throw new StoreReadException("cannot read topics", e);
    }
  }

  /** One topic with its figures, or empty when no topic has that id. */
  public Optional<Topic> topic(int id, ConversationFilter filter) {
    Overview all = overview(filter);
    return all.items().stream().filter(t -> t.id() == id).findFirst();
  }

  private Status status(List<TopicStore.StoredTopic> stored) throws SQLException {
    TopicStore.DocCounts counts = topics.counts();
    TopicStore.State state = topics.state();
    String notice = null;
    if (counts.read() > 0 && counts.withText() == 0) {
      notice = "the conversations' messages have no text here (content mode hash or drop), so they cannot be"
          + " grouped into topics";
    } else if (stored.isEmpty()) {
      notice = "topics appear once " + dev.parley.server.topics.TopicModel.MIN_CONVERSATIONS
          + " conversations with a first message exist (" + counts.withText() + " so far)";
    } else if (counts.read() > counts.withText()) {
      notice = (counts.read() - counts.withText()) + " conversations have no text (content mode hash or drop)"
          + " and are in no topic";
    }
    return new Status(counts.read(), counts.withText(), counts.withTopic(), state.computedAt(),
        dev.parley.server.topics.TopicModel.MIN_CONVERSATIONS, notice);
  }

  private Topic topic(TopicStore.StoredTopic t, Figures f, long total, TimeWindow window, Map<String, String> texts) {
    List<Example> examples = new ArrayList<>();
    if (t.label() != null) {
      for (String id : t.examples()) {
        String text = texts.get(id);
        if (text != null) {
          examples.add(new Example(id, text));
        }
      }
    }
    return new Topic(t.id(), t.label(), t.keywords(), f.conversations,
        total == 0 ? 0 : (double) f.conversations / total,
        f.conversations == 0 ? null : (double) f.converted / f.conversations,
        f.rated == 0 ? null : f.ratingSum / f.rated,
        f.conversations == 0 ? null : (double) f.abandoned / f.conversations,
        f.latencyP50, bucket(window), trend(f.trend, window), examples);
  }

  /** Per topic: its counts, per bucket, and its latency. */
  private static final class Figures {
    long conversations;
    long converted;
    long abandoned;
    double ratingSum;
    long rated;
    Double latencyP50;
    final Map<Instant, Long> trend = new TreeMap<>();
  }

  private Map<Integer, Figures> figures(ConversationFilter filter) {
    Map<String, Object> params = new HashMap<>();
    params.put("from", filter.window().from());
    params.put("to", filter.window().to());
    params.put("idle_before", settings.clock().instant().minus(settings.idleTimeout()));
    params.put("spec_events", SpecEventNames.ALL);
    params.put("user_id", filter.userId().orElse(null));
    params.put("status", filter.status().map(ConversationStatus::wireName).orElse(null));
    params.put("min_rating", filter.minRating().orElse(null));
    params.put("has_outcome", filter.hasOutcome().orElse(null));
    params.put("q", filter.text().orElse(null));
    params.put("bucket", bucket(filter.window()));
    // The counts and the latencies in the same snapshot, side by side where the store has a
    // second connection free in it (PostgreSQL); each reads the conversations chosen anew.
    StoreReader.Both<Map<Integer, Figures>, Map<Integer, Double>> both = store.readOneSnapshot("topic figures",
        connection -> counts(connection, new HashMap<>(params)),
        connection -> latencies(connection, new HashMap<>(params)));
    Map<Integer, Figures> out = both.first();
    both.second().forEach((topic, p50) -> {
      Figures f = out.get(topic);
      if (f != null) {
        f.latencyP50 = p50;
      }
    });
    return out;
  }

  private Map<Integer, Figures> counts(java.sql.Connection connection, Map<String, Object> params)
      throws SQLException {
    params.put("through", ConversationFacts.throughSeq(connection));
    Map<Integer, Figures> out = new LinkedHashMap<>();
    try (PreparedStatement st = figuresSql.prepare(connection, params); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Figures f = out.computeIfAbsent(rs.getInt("topic_id"), k -> new Figures());
        long n = rs.getLong("conversations");
        f.conversations += n;
        f.converted += rs.getLong("converted");
        f.abandoned += rs.getLong("abandoned");
        f.ratingSum += rs.getDouble("rating_sum");
        f.rated += rs.getLong("rated");
        f.trend.merge(StoreReader.instant(rs, "bucket"), n, Long::sum);
      }
    }
    return out;
  }

  private Map<Integer, Double> latencies(java.sql.Connection connection, Map<String, Object> params)
      throws SQLException {
    params.put("through", ConversationFacts.throughSeq(connection));
    Map<Integer, Double> out = new HashMap<>();
    try (PreparedStatement st = latencySql.prepare(connection, params); ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getInt("topic_id"), StoreReader.nullableDouble(rs, "latency_p50"));
      }
    }
    return out;
  }

  static String bucket(TimeWindow window) {
    return Duration.between(window.from(), window.to()).compareTo(DAILY_UP_TO) <= 0 ? "day" : "week";
  }

  /** One point per bucket of the window, zero where the topic had no conversation. */
  static List<TimePoint> trend(Map<Instant, Long> counts, TimeWindow window) {
    boolean daily = bucket(window).equals("day");
    Instant at = window.from().truncatedTo(ChronoUnit.DAYS);
    if (!daily) {
      // both stores' weeks start on Monday (ISO)
      int dow = at.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
      at = at.minus(Duration.ofDays(dow - 1));
    }
    Duration step = daily ? Duration.ofDays(1) : Duration.ofDays(7);
    List<TimePoint> points = new ArrayList<>();
    for (; at.isBefore(window.to()); at = at.plus(step)) {
      points.add(new TimePoint(at, (double) counts.getOrDefault(at, 0L)));
    }
    return points;
  }
}
