package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.server.testing.RawSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's side of the conversation facts: folds advance {@link DuckDbStore#unfolded()},
 * survive a reopen, and deleting events (erasure, retention) recomputes the rows of the
 * conversations they belonged to, leaving the fold point and every other row as they were.
 */
class DuckDbStoreFoldTest {
  private static final Instant T = Instant.parse("2026-11-10T10:00:00Z");

  @TempDir Path dir;

  private static NormalisedEvent event(String id, String user, String conversation, String name, Instant ts) {
    return new NormalisedEvent("src", id, "track", name, user, null, null, conversation, null, null, null,
        null, null, null, null, null, ts, null, null, ts, "{}", List.of());
  }

  private static void store(DuckDbStore store, NormalisedEvent... events) {
    store.commit(List.of(new Submission(List.of(events), List.of())));
  }

  @Test
  void foldsAdvanceAndSurviveAReopen() {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store(store, event("e1", "u1", "c1", "Conversation Started", T),
          event("e2", "u1", "c1", "Message Sent", T.plusSeconds(1)),
          event("e3", "u2", "c2", "Conversation Started", T.plusSeconds(2)));
      assertThat(store.unfolded()).isEqualTo(3);
      assertThat(store.fold(2)).isEqualTo(2);
      assertThat(store.unfolded()).isEqualTo(1);
    }
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      assertThat(store.unfolded()).isEqualTo(1);
      assertThat(store.fold(10)).isEqualTo(1);
      assertThat(store.unfolded()).isZero();
      assertThat(facts(store)).containsExactly("c1|" + T + "|" + T.plusSeconds(1), "c2|" + T.plusSeconds(2) + "|" + T.plusSeconds(2));
    }
  }

  @Test
  void erasureRecomputesOnlyTheConversationsOfTheErasedEvents() {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      // c1 is shared: its first event is u1's, erased below; c2 is u2's alone; e4 is not folded yet.
      store(store, event("e1", "u1", "c1", "Conversation Started", T),
          event("e2", "u2", "c1", "Message Sent", T.plusSeconds(5)),
          event("e3", "u2", "c2", "Conversation Started", T.plusSeconds(7)),
          event("e6", "u1", "c3", "Conversation Started", T.plusSeconds(8)));
      store.fold(10);
      store(store, event("e4", "u1", "c2", "Message Sent", T.plusSeconds(9)));
      assertThat(facts(store)).first().isEqualTo("c1|" + T + "|" + T.plusSeconds(5));

      store.erase("u1", T.plusSeconds(60));

      assertThat(store.unfolded()).as("the fold point stays; only e4 after it, and it is gone").isEqualTo(1);
      assertThat(facts(store)).containsExactly("c1|" + T.plusSeconds(5) + "|" + T.plusSeconds(5),
          "c2|" + T.plusSeconds(7) + "|" + T.plusSeconds(7));
      store.fold(10);
      assertThat(facts(store)).containsExactly("c1|" + T.plusSeconds(5) + "|" + T.plusSeconds(5),
          "c2|" + T.plusSeconds(7) + "|" + T.plusSeconds(7));
    }
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      assertThat(store.unfolded()).as("the state still matches its events: not reset at open").isZero();
    }
  }

  @Test
  void retentionDeletesInSlicesAndRecomputesOnlyWhatItTouched() {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store(store, event("e1", "u1", "c1", "Conversation Started", T),
          event("e2", "u1", "c1", "Message Sent", T.plusSeconds(5)),
          event("e3", "u1", "c1", "Message Sent", T.plusSeconds(6)),
          event("e4", "u2", "c2", "Conversation Started", T.plusSeconds(7)));
      store.fold(10);
      assertThat(store.deleteBefore(T.minusSeconds(1), 2)).isZero();
      assertThat(store.compactIfSparse()).as("nothing deleted, nothing to rewrite").isFalse();

      assertThat(store.deleteBefore(T.plusSeconds(7), 2)).as("a full slice").isEqualTo(2);
      assertThat(facts(store)).containsExactly("c1|" + T.plusSeconds(6) + "|" + T.plusSeconds(6),
          "c2|" + T.plusSeconds(7) + "|" + T.plusSeconds(7));
      assertThat(store.deleteBefore(T.plusSeconds(7), 2)).as("what was left").isEqualTo(1);
      assertThat(store.unfolded()).isZero();
      assertThat(facts(store)).containsExactly("c2|" + T.plusSeconds(7) + "|" + T.plusSeconds(7));
      assertThat(store.compactIfSparse()).as("3 of 4 events are dead").isTrue();
      assertThat(store.compactIfSparse()).as("rewritten: nothing dead any more").isFalse();
    }
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      assertThat(store.unfolded()).as("not reset at open").isZero();
      assertThat(facts(store)).containsExactly("c2|" + T.plusSeconds(7) + "|" + T.plusSeconds(7));
    }
  }

  @Test
  void seqsAreNotReusedAfterTheNewestEventsWereErasedAndFolded() {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store(store, event("e1", "u1", "c1", "Conversation Started", T),
          event("e2", "u2", "c2", "Conversation Started", T.plusSeconds(1)),
          event("e3", "u2", "c2", "Message Sent", T.plusSeconds(2)));
      store.fold(10);
      store.erase("u2", T.plusSeconds(60)); // the newest events go; their conversation's facts with them
      store.fold(10); // folds up to seq 3, whose events are gone
    }
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store(store, event("e4", "u3", "c3", "Conversation Started", T.plusSeconds(3)),
          event("e5", "u3", "c3", "Message Sent", T.plusSeconds(33)));
      assertThat(store.unfolded()).as("the new events come after the folded seqs").isEqualTo(2);
      store.fold(10);
      assertThat(facts(store)).containsExactly("c1|" + T + "|" + T,
          "c3|" + T.plusSeconds(3) + "|" + T.plusSeconds(33));
    }
  }

  @Test
  void eventsDeletedBehindTheFactsBackResetThemAtOpen() throws Exception {
    storeOneConversationFoldedAndClose();
    // As an older version's erasure would: the event goes, the facts stay.
    RawSql.execute(dir, "DELETE FROM events WHERE message_id = 'e1'");
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      assertThat(store.unfolded()).as("reset at open").isEqualTo(2);
      store.fold(10);
      assertThat(facts(store)).containsExactly("c1|" + T.plusSeconds(4) + "|" + T.plusSeconds(4));
    }
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      assertThat(store.unfolded()).as("folded facts that match are kept").isZero();
    }
  }

  @Test
  void aFactsTableOfAnOlderVersionIsDroppedAtOpenAndFoldedAgain() throws Exception {
    storeOneConversationFoldedAndClose();
    RawSql.execute(dir, "DROP TABLE conversation_facts");
    RawSql.execute(dir, "CREATE TABLE conversation_facts (conversation_id VARCHAR NOT NULL, first_ts TIMESTAMP NOT NULL,"
        + " last_ts TIMESTAMP NOT NULL, started BOOLEAN NOT NULL, ended BOOLEAN NOT NULL)");
    RawSql.execute(dir, "INSERT INTO conversation_facts VALUES ('c1', TIMESTAMP '2000-01-01', TIMESTAMP '2000-01-01', true, true)");
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      assertThat(store.unfolded()).as("nothing counts as folded").isEqualTo(2);
      store.fold(10);
      assertThat(facts(store)).containsExactly("c1|" + T + "|" + T.plusSeconds(4));
    }
  }

  /** c1: started at T, a message at T+4s; folded; the store closed. */
  private void storeOneConversationFoldedAndClose() {
    try (DuckDbStore store = DuckDbStore.open(dir)) {
      store(store, event("e1", "u1", "c1", "Conversation Started", T),
          event("e2", "u1", "c1", "Message Sent", T.plusSeconds(4)));
      store.fold(10);
    }
  }

  private static List<String> facts(DuckDbStore store) {
    List<String> rows = new ArrayList<>();
    try (Connection c = store.readConnections().open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT conversation_id, first_ts, last_ts FROM conversation_facts"
            + " ORDER BY conversation_id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getTimestamp(2).toLocalDateTime().toInstant(ZoneOffset.UTC)
            + "|" + rs.getTimestamp(3).toLocalDateTime().toInstant(ZoneOffset.UTC));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
