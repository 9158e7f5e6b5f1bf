package dev.parley.cluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.spec.SpecEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation facts kept by each load: whatever the loads a conversation is split into
 * (duplicates and suppressed ids among them), its row is what its stored events make; an
 * erasure recomputes the rows of the conversations it touched. The people of each hour
 * (people_hours) likewise: what the stored events make, after loads, erasure and retention.
 */
class PostgresFactsTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.postgresOnly();
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final String FACTS = "SELECT conversation_id, first_ts, last_ts, started_at, ended_at, user_id,"
      + " anonymous_id, messages, rating_sum, ratings, has_outcome FROM conversation_facts ORDER BY conversation_id";
  private PostgresStore store;

  @BeforeEach
  void open() throws Exception {
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
    }
    store = PostgresStore.open(services.postgres().jdbcUrl(), new Properties());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aConversationLoadedInPiecesHasTheFactsOfAllItsEvents() throws Exception {
    load(event("m1", "Conversation Started", "u-b", null, "c1", null, 0),
        event("m2", "Message Sent", "u-b", null, "c1", null, 1));
    load(event("m3", "Message Received", null, "anon-1", "c1", null, 2),
        event("m2", "Message Sent", "u-a", null, "c1", null, 9), // a duplicate: not counted, its user not taken
        event("m4", "Feedback Submitted", "u-b", null, "c1", 4.0, 3));
    load(event("m5", "Feedback Submitted", "u-b", null, "c1", 2.0, 4), event("m6", "Order Completed", "u-b", null,
        "c1", null, 5), event("m7", "Conversation Ended", "u-b", null, "c1", null, 6),
        event("m8", "Message Sent", "u-c", null, "c2", null, 7));

    List<List<String>> facts = rows(FACTS);
    assertThat(facts).hasSize(2);
    assertThat(facts.get(0)).containsExactly("c1", ts(0), ts(6), ts(0), ts(6), "u-b", "anon-1", "2", "6", "2", "t");
    assertThat(facts.get(1)).containsExactly("c2", ts(7), ts(7), null, null, "u-c", null, "1", null, "0", "f");

    assertThat(services.count(PostgresFacts.driftQuery())).isZero();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
      st.execute("UPDATE conversation_facts SET messages = 99 WHERE conversation_id = 'c2'");
    }
    assertThat(services.count(PostgresFacts.driftQuery())).as("the check sees a wrong row").isEqualTo(2);
  }

  @Test
  void randomSplitsIntoLoadsGiveTheFactsOfTheEventsStored() throws Exception {
    Random random = new Random(20261203);
    String[] events = {"Conversation Started", "Message Sent", "Message Received", "Feedback Submitted",
        "Conversation Ended", "Order Completed", "Action Invoked"};
    for (int round = 0; round < 15; round++) {
      close();
      open();
      List<NormalisedEvent> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String name = events[random.nextInt(events.length)];
        String id = "m" + random.nextInt(150); // some ids repeat: stored once
        all.add(event(id, name, random.nextInt(4) == 0 ? null : "u-" + random.nextInt(5),
            random.nextBoolean() ? null : "a-" + random.nextInt(5), "c" + random.nextInt(12),
            name.equals("Feedback Submitted") && random.nextBoolean() ? (double) random.nextInt(6) : null,
            random.nextInt(600)));
      }
      int from = 0;
      while (from < all.size()) {
        int to = Math.min(all.size(), from + 1 + random.nextInt(40));
        load(all.subList(from, to).toArray(NormalisedEvent[]::new));
        from = to;
      }
      List<List<String>> kept = rows(FACTS);
      assertThat(kept).as("round %d", round).isNotEmpty();
      assertThat(services.count(PostgresFacts.driftQuery())).as("round %d", round).isZero();
      try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
        PostgresFacts.rebuild(st);
      }
      assertThat(rows(FACTS)).as("round %d", round).isEqualTo(kept);
    }
  }

  @Test
  void anErasureRecomputesTheConversationsItTouched() throws Exception {
    load(event("m1", "Conversation Started", "erased", null, "shared", null, 0),
        event("m2", "Message Sent", "erased", null, "shared", null, 1),
        event("m3", "Message Received", "other", null, "shared", null, 2),
        event("m4", "Feedback Submitted", "erased", null, "shared", 5.0, 3),
        event("m5", "Message Sent", "erased", null, "theirs", null, 4),
        event("m6", "Message Sent", "bystander", null, "untouched", null, 5));

    store.erase("erased", T.plusSeconds(60));

    List<List<String>> facts = rows(FACTS);
    assertThat(facts).hasSize(2);
    assertThat(facts.get(0)).as("what the other user's events make").containsExactly("shared", ts(2), ts(2), null,
        null, "other", null, "1", null, "0", "f");
    assertThat(facts.get(1)).containsExactly("untouched", ts(5), ts(5), null, null, "bystander", null, "1", null, "0",
        "f");
  }

  @Test
  void thePeopleOfEachHourAreWhatTheEventsLeftMake() throws Exception {
    // Three hours, a person under two ids in one of them; received T + second: retention by arrival.
    load(event("p1", "Message Sent", "u-a", "anon-a", "c1", null, 0),
        event("p2", "Message Sent", "u-a", "anon-a", "c1", null, 10), // the same row again
        event("p3", "Message Sent", "u-a", null, "c1", null, 3_600),
        event("p4", "Message Sent", "erased", null, "c2", null, 3_700));
    load(event("p5", "Message Sent", null, "anon-b", "c3", null, 3_650),
        event("p6", "Message Sent", "erased", "anon-e", "c2", null, 7_300),
        event("p7", "Message Sent", "u-a", "anon-a", "c1", null, 7_400),
        event("p1", "Message Sent", "u-z", null, "c9", null, 8_000)); // a duplicate: stored once, not its ids
    String people = "SELECT CAST(hour AS TEXT), user_id, anonymous_id FROM people_hours ORDER BY 1, 2, 3";
    assertThat(rows(people)).containsExactly(List.of("2026-12-01 10:00:00", "u-a", "anon-a"),
        java.util.Arrays.asList("2026-12-01 11:00:00", "erased", null),
        java.util.Arrays.asList("2026-12-01 11:00:00", "u-a", null),
        java.util.Arrays.asList("2026-12-01 11:00:00", null, "anon-b"),
        List.of("2026-12-01 12:00:00", "erased", "anon-e"), List.of("2026-12-01 12:00:00", "u-a", "anon-a"));
    assertThat(services.count(PostgresFacts.driftQuery())).isZero();

    store.erase("erased", T.plusSeconds(9_000));
    assertThat(rows(people)).as("no row holds an erased id").noneMatch(row -> row.contains("erased")
        || row.contains("anon-e")).hasSize(4);
    assertThat(services.count(PostgresFacts.driftQuery())).isZero();

    // Received before 10:00:05: p1 goes, p2 (10:00:10) keeps the 10:00 row; then p2, p3 and p5 go.
    store.deleteBefore(T.plusSeconds(5), 100);
    assertThat(rows(people)).hasSize(4);
    store.deleteBefore(T.plusSeconds(3_651), 100);
    assertThat(rows(people)).containsExactly(List.of("2026-12-01 12:00:00", "u-a", "anon-a"));
    assertThat(services.count(PostgresFacts.driftQuery())).isZero();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO people_hours VALUES ('2026-12-01 13:00:00', 'u-x', NULL)");
    }
    assertThat(services.count(PostgresFacts.driftQuery())).as("the check sees a row no event makes").isEqualTo(1);
  }

  @Test
  void anOutcomeIsATrackEventThatIsNoneOfTheSpecs() throws Exception {
    try (Connection c = services.postgres().connect();
        PreparedStatement st = c.prepareStatement("SELECT parley_is_outcome(?, ?)")) {
      for (SpecEvent spec : SpecEvent.values()) {
        assertThat(outcome(st, "track", spec.eventName())).as(spec.eventName()).isFalse();
      }
      assertThat(outcome(st, "track", "Order Completed")).isTrue();
      assertThat(outcome(st, "page", "Order Completed")).isFalse();
      assertThat(outcome(st, "track", null)).isFalse();
    }
  }

  private static boolean outcome(PreparedStatement st, String type, String event) throws Exception {
    st.setString(1, type);
    st.setString(2, event);
    try (ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private int offset;

  private void load(NormalisedEvent... events) {
    offset += events.length;
    store.load(List.of(new Submission(List.of(events), List.of())), "t", Map.of(0, (long) offset));
  }

  private static NormalisedEvent event(String messageId, String name, String userId, String anonymousId,
      String conversationId, Double rating, int second) {
    Instant at = T.plusSeconds(second);
    return new NormalisedEvent("src", messageId, "track", name, userId, userId == null && anonymousId == null
        ? "anon-x" : anonymousId, null, conversationId, null, null, null, null, null, null, rating, null, at, null,
        null, at, "{}", List.of());
  }

  private static String ts(int second) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(
        java.time.LocalDateTime.ofInstant(T.plusSeconds(second), java.time.ZoneOffset.UTC));
  }

  private static List<List<String>> rows(String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
