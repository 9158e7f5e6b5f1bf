package dev.parley.cluster.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.ingest.Submission;
import dev.parley.server.ingest.Usage;
import dev.parley.server.store.EventStore.CommitResult;
import dev.parley.server.store.StoreException;
import dev.parley.server.testing.Submissions;
import dev.parley.spec.Violation;
import dev.parley.spec.ViolationCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bulk load: rows and offsets in one transaction, exact dedupe, every column as ingest made it. */
class PostgresStoreTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.postgresOnly();
  private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456Z");
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

  private static List<String> column(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test
  void eachMessageIdIsStoredOnceWithinABatchAndAcrossBatchesInArrivalOrder() throws Exception {
    CommitResult first = store.load(List.of(Submissions.of("b", "a", "b"), Submissions.of("c", "a")), "t", Map.of(0, 5L));
    CommitResult second = store.load(List.of(Submissions.of("a", "d")), "t", Map.of(0, 7L, 1, 2L));

    assertThat(first).isEqualTo(new CommitResult(3, 2));
    assertThat(second).isEqualTo(new CommitResult(1, 1));
    assertThat(column("SELECT message_id FROM events ORDER BY seq")).containsExactly("b", "a", "c", "d");
    assertThat(store.offsets("t")).isEqualTo(Map.of(0, 7L, 1, 2L));
    assertThat(store.offsets("other")).isEmpty();
  }

  private static NormalisedEvent event(String messageId, String name, String userId, String conversationId) {
    return new NormalisedEvent("src", messageId, "track", name, userId, null, null, conversationId, null, null,
        "text of " + messageId, null, null, null, null, null, T, null, null, T, "{}", List.of());
  }

  @Test
  void loadsLeaveTheTopicWorkerTheConversationsOfTheMessagesSentThatHaveNoDocYet() throws Exception {
    store.load(List.of(new Submission(List.of(event("m1", "Message Sent", "u", "c-new"),
        event("m2", "Message Received", "u", "c-reply-only"), event("m3", "Message Sent", "u", null),
        event("m4", "Message Sent", "u", "c-read"), event("m5", "Message Sent", "u", "c-new"),
        event("m9", "Message Received", "u", "c-dup"), event("m9", "Message Sent", "u", "c-dup")), List.of())),
        "t", Map.of(0, 1L));
    assertThat(column("SELECT conversation_id FROM topic_pending ORDER BY 1"))
        .as("not c-dup: its key's first arrival, the one stored, is a Message Received")
        .containsExactly("c-new", "c-read");

    try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM topic_pending");
      st.execute("INSERT INTO topic_docs VALUES ('c-read', NULL, NULL, now())"); // the worker read it
    }
    store.erase("gone", T);
    store.load(List.of(new Submission(List.of(event("m6", "Message Sent", "u", "c-read"),
        event("m1", "Message Sent", "u", "c-again"), event("m7", "Message Sent", "gone", "c-erased"),
        event("m8", "Message Sent", "u", "c-later")), List.of())), "t", Map.of(0, 2L));
    assertThat(column("SELECT conversation_id FROM topic_pending ORDER BY 1"))
        .as("not one with a doc, a duplicate's, or a suppressed user's").containsExactly("c-later");
  }

  @Test
  void offsetsNeverGoBackButForATopicMadeAgain() {
    store.load(List.of(Submissions.of("a")), "t", "id-A", Map.of(0, 7L, 1, 3L));
    store.load(List.of(Submissions.of("b")), "t", "id-A", Map.of(0, 5L));
    assertThat(store.loadedOffsets("t")).isEqualTo(Map.of(0, new PostgresStore.LoadedOffset(7, "id-A"),
        1, new PostgresStore.LoadedOffset(3, "id-A")));

    store.load(List.of(Submissions.of("c")), "t", "id-B", Map.of(0, 2L));
    store.load(List.of(Submissions.of("d")), "t", null, Map.of(0, 1L, 1, 4L));
    assertThat(store.loadedOffsets("t")).as("the new topic's offset, kept with its id").isEqualTo(Map.of(
        0, new PostgresStore.LoadedOffset(2, "id-B"), 1, new PostgresStore.LoadedOffset(4, "id-A")));
  }

  @Test
  void everyColumnIsStoredAsIngestMadeItAndTextThatCopyEscapesSurvives() throws Exception {
    String awkward = "tab\there, new\nline, back\\slash, \\N, nul\u0000, é, 😀";
    NormalisedEvent event = new NormalisedEvent("src", "m-1", "track", "Message Received", "u-1", "a-1", null, "c-1",
        "chat-1", "agent", awkward, null, null, null, null, null, T, T.minusSeconds(2), T.minusSeconds(1),
        T.plusSeconds(1), "{\"body\":\"tab\\there\\u0000\"}", List.of(new Violation("Message Received",
        "properties.x", ViolationCode.WRONG_TYPE, "x must be a string")), new Usage("m-a", 1200L, 300L, null));
    RefusedMessage refused = new RefusedMessage(1, "src", "r-1", "Message Sent", T, List.of(new Violation(
        "Message Sent", "properties.message_body", ViolationCode.MISSING_REQUIRED, "missing")), "u-1", null);

    store.load(List.of(new Submission(List.of(event), List.of(refused))), "t", Map.of(0, 1L));
    store.load(List.of(new Submission(List.of(), List.of(refused))), "t", Map.of(0, 2L));

    assertThat(column("SELECT message_body FROM events")).containsExactly(awkward.replace('\u0000', '\uFFFD'));
    assertThat(column("SELECT body FROM events")).containsExactly("{\"body\":\"tab\\there\\u0000\"}");
    assertThat(column("SELECT ts || '|' || original_ts || '|' || sent_at || '|' || received_at FROM events"))
        .containsExactly("2026-12-01 10:00:00.123456|2026-12-01 09:59:58.123456|2026-12-01 09:59:59.123456"
            + "|2026-12-01 10:00:01.123456");
    assertThat(column("SELECT model || ' ' || input_tokens || ' ' || output_tokens || ' ' || coalesce(cost::text, '-')"
        + " FROM events")).containsExactly("m-a 1200 300 -");
    assertThat(column("SELECT code || ' ' || refused || ' ' || coalesce(event_seq::text, '-') FROM violations"
        + " ORDER BY refused")).containsExactly("wrong_type false 1", "missing_required true -");
  }

  @Test
  void aLoadThatFailsStoresNothingAndLeavesTheOffsetsWhereTheyWere() throws Exception {
    store.load(List.of(Submissions.of("a")), "t", Map.of(0, 1L));
    Map<Integer, Long> broken = new java.util.HashMap<>();
    broken.put(0, null); // fails when the offsets are written, after the events went in

    assertThatThrownBy(() -> store.load(List.of(Submissions.of("b", "c")), "t", broken))
        .isInstanceOf(StoreException.class);

    assertThat(column("SELECT message_id FROM events ORDER BY seq")).containsExactly("a");
    assertThat(store.offsets("t")).isEqualTo(Map.of(0, 1L));
    assertThat(store.load(List.of(Submissions.of("b", "c")), "t", Map.of(0, 3L))).as("the retry")
        .isEqualTo(new CommitResult(2, 0));
  }

  /** The driver encodes a Reader 64K characters at a time: an emoji across a boundary must survive. */
  @Test
  void anEmojiAcrossTheDriversChunkBoundaryIsStoredWhole() throws Exception {
    // The row's text before message_body: "1\tsrc\temoji-N\ttrack\tMessage Sent\tu\t\N\t\N\tc\t\N\t\N\t" is 49
    // characters, so 65,486 x's put the emoji's first half at the stream's 65,536th character.
    for (int shift = -2; shift <= 2; shift++) {
      String text = "x".repeat(65_486 + shift) + "\uD83D\uDE00 end";
      NormalisedEvent event = new NormalisedEvent("src", "emoji-" + (shift + 2), "track", "Message Sent", "u", null,
          null, "c", null, null, text, null, null, null, null, null, T, null, null, T, "{}", List.of());
      store.load(List.of(new Submission(List.of(event), List.of())), "t", Map.of(0, shift + 3L));
    }

    assertThat(column("SELECT right(message_body, 5) FROM events ORDER BY seq")).hasSize(5)
        .containsOnly("\uD83D\uDE00 end");
  }

  @Test
  void aRefusedMessageSentTwiceInOneBatchIsRecordedOnce() throws Exception {
    RefusedMessage first = new RefusedMessage(0, "src", "r-1", "Message Sent", T, List.of(new Violation("Message Sent",
        "properties.message_body", ViolationCode.MISSING_REQUIRED, "missing")), "u", null);
    RefusedMessage again = new RefusedMessage(0, "src", "r-1", "Message Sent", T.plusSeconds(5), first.violations(),
        "u", null);

    store.load(List.of(new Submission(List.of(), List.of(first)), new Submission(List.of(), List.of(again))), "t",
        Map.of(0, 2L));

    assertThat(column("SELECT message_id FROM violations")).containsExactly("r-1");
  }
}
