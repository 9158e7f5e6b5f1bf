package dev.parley.server.analytics;

import static dev.parley.server.testing.StoredEvent.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parley.server.store.ConversationFacts;
import dev.parley.server.testing.StoredEvent;
import dev.parley.server.testing.TestStore;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation facts ({@link ConversationFacts}): folding in slices gives what one
 * grouping of every event gives, and the summary merges them with the events that arrived
 * after the last fold, even when those are older in event time.
 */
class ConversationFactsFoldTest {
  private static final Instant T = Instant.parse("2026-11-10T10:00:00Z");
  private static final Instant FROM = T.minus(Duration.ofHours(1));
  private static final Instant TO = T.plus(Duration.ofHours(3));

  @TempDir Path dir;

  private static Summary summary(TestStore store) {
    return new SummaryQueries(store.connections(),
        new AnalyticsSettings(Clock.fixed(TO, ZoneOffset.UTC), Duration.ofMinutes(30)), Dialect.DUCKDB)
        .summary(new TimeWindow(FROM, TO));
  }

  @Test
  void eventsArrivingAfterTheFoldStillMoveTheFirstAndLastEventAndTheEnd() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      store.insert(track("Conversation Started", "c1", T.plusSeconds(10)).user("u1"));
      store.insert(track("Message Sent", "c1", T.plusSeconds(20)).user("u1").message("m1").body("hi"));
      store.fold(100);
      assertThat(summary(store).durationMs().p50()).isCloseTo(10_000.0, within(1e-6));
      assertThat(summary(store).abandoned()).as("started, quiet for over 30 minutes").isEqualTo(1);

      // Late arrivals: one older than everything folded, one newer, and the end.
      store.insert(track("Message Received", "c1", T.plusSeconds(5)).user("u1").message("m0").body("early"));
      store.insert(track("Conversation Ended", "c1", T.plusSeconds(40)).user("u1"));
      Summary summary = summary(store);
      assertThat(summary.durationMs().p50()).isCloseTo(35_000.0, within(1e-6));
      assertThat(summary.abandoned()).isZero();
      assertThat(summary.conversationsEnded()).isEqualTo(1);

      store.fold(100);
      assertThat(summary(store)).isEqualTo(summary);
    }
  }

  @Test
  void aConversationStartedOnlyInTheFoldedPartIsStillStarted() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      store.insert(track("Conversation Started", "c2", T).user("u2"));
      store.fold(100);
      store.insert(track("Message Sent", "c2", T.plusSeconds(1)).user("u2").message("m1").body("hello"));
      Summary summary = summary(store);
      assertThat(summary.abandoned()).as("its start is folded, its last event is not").isEqualTo(1);
      assertThat(summary.durationMs().p50()).isCloseTo(1_000.0, within(1e-6));
    }
  }

  @Test
  void aStartArrivingAfterTheFoldMakesAFoldedConversationStarted() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      store.insert(track("Message Sent", "c4", T.plusSeconds(2)).user("u4").message("m1").body("hello"));
      store.fold(100);
      assertThat(summary(store).abandoned()).as("not started: cannot be abandoned").isZero();
      store.insert(track("Conversation Started", "c4", T).user("u4"));
      assertThat(summary(store).abandoned()).isEqualTo(1);
      store.fold(100);
      assertThat(summary(store).abandoned()).isEqualTo(1);
    }
  }

  @Test
  void theListMergesFoldedAndLaterEventsColumnByColumn() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      store.insert(track("Conversation Started", "c3", T.plusSeconds(10)).user("u-b"));
      store.insert(track("Conversation Ended", "c3", T.plusSeconds(50)).user("u-b"));
      store.insert(track("Feedback Submitted", "c3", T.plusSeconds(51)).user("u-b").rating(2));
      store.fold(100);
      // Late arrivals, each moving one column its own way.
      store.insert(track("Conversation Ended", "c3", T.plusSeconds(30)).user("u-a").anonymous("anon-z"));
      store.insert(track("Conversation Started", "c3", T.plusSeconds(5)).user("u-b"));
      store.insert(track("Feedback Submitted", "c3", T.plusSeconds(52)).user("u-b").rating(5));
      store.insert(track("Message Sent", "c3", T.plusSeconds(20)).user("u-b").message("m1").body("hi"));
      store.insert(track("Item Purchased", "c3", T.plusSeconds(40)).user("u-b"));

      ConversationQueries queries = new ConversationQueries(store.connections(),
          new AnalyticsSettings(Clock.fixed(TO, ZoneOffset.UTC), Duration.ofMinutes(30)), Dialect.DUCKDB);
      List<ConversationSummary> items = queries.page(ConversationFilter.all(new TimeWindow(FROM, TO)), 10,
          Optional.empty()).items();
      assertThat(items).singleElement().satisfies(c -> {
        assertThat(c.startedAt()).isEqualTo(T.plusSeconds(5));
        assertThat(c.endedAt()).isEqualTo(T.plusSeconds(30));
        assertThat(c.lastEventAt()).isEqualTo(T.plusSeconds(52));
        assertThat(c.userId()).isEqualTo("u-a");
        assertThat(c.anonymousId()).isEqualTo("anon-z");
        assertThat(c.messageCount()).isEqualTo(1);
        assertThat(c.avgRating()).isCloseTo(3.5, within(1e-9));
        assertThat(c.status()).isEqualTo(ConversationStatus.ENDED);
        assertThat(c.outcomes()).containsExactly("Item Purchased");
      });
      store.unfold();
      assertThat(queries.page(ConversationFilter.all(new TimeWindow(FROM, TO)), 10, Optional.empty()).items())
          .as("nothing folded").isEqualTo(items);
    }
  }

  @Test
  void foldingInSlicesEqualsOneGroupingOfEveryEvent() throws Exception {
    try (TestStore store = TestStore.create(dir)) {
      String[] conversations = {"a", "b", "c"};
      for (int i = 0; i < 30; i++) {
        String c = conversations[i % 3];
        // event times that go back and forth, so later slices move first_ts backwards
        Instant at = T.plusSeconds((i * 37L) % 23);
        String event = i < 3 ? "Conversation Started" : i == 28 ? "Conversation Ended"
            : i % 5 == 0 ? "Feedback Submitted" : i == 17 ? "Item Purchased" : i % 2 == 0 ? "Message Received"
            : "Message Sent";
        StoredEvent row = track(event, c, at).message("m" + i).body("text " + i);
        row = i % 4 == 0 ? row.anonymous("anon-" + (30 - i)) : row.user("u-" + c + (i % 7));
        store.insert(event.equals("Feedback Submitted") ? row.rating(1 + i % 5) : row);
      }
      for (int slice = 0; slice < 30; slice += 4) {
        store.fold(4);
      }
      try (Connection c = store.connections().open()) {
        assertThat(ConversationFacts.throughSeq(c)).isEqualTo(30);
        assertThat(rows(c, "SELECT * FROM conversation_facts ORDER BY conversation_id")).isEqualTo(rows(c,
            "SELECT conversation_id, min(ts), max(ts), min(ts) FILTER (WHERE event = 'Conversation Started'),"
                + " min(ts) FILTER (WHERE event = 'Conversation Ended'), min(user_id), min(anonymous_id),"
                + " count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')),"
                + " sum(rating) FILTER (WHERE event = 'Feedback Submitted'),"
                + " count(rating) FILTER (WHERE event = 'Feedback Submitted'), bool_or(event = 'Item Purchased')"
                + " FROM events GROUP BY conversation_id ORDER BY conversation_id"));
      }
    }
  }

  @Test
  void aFoldStopsAtTheLastEventAndAtItsSlice() throws Exception {
    try (TestStore store = TestStore.create(dir); Connection c = store.connections().open()) {
      for (int i = 0; i < 5; i++) {
        store.insert(track("Message Sent", "c", T.plusSeconds(i)).user("u").message("m" + i).body("x"));
      }
      assertThat(ConversationFacts.fold(c, 5, 3)).isEqualTo(3);
      assertThat(ConversationFacts.fold(c, 5, 3)).isEqualTo(5);
      assertThat(ConversationFacts.fold(c, 5, 3)).as("nothing new").isEqualTo(5);
      assertThatThrownBy(() -> ConversationFacts.fold(c, 5, 0)).isInstanceOf(IllegalArgumentException.class);
      ConversationFacts.reset(c);
      assertThat(ConversationFacts.throughSeq(c)).isZero();
      assertThat(rows(c, "SELECT count(*) FROM conversation_facts")).containsExactly("0");
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
