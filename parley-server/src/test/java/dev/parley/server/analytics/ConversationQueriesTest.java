package dev.parley.server.analytics;

import static dev.parley.server.testing.CopilotScenario.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.server.testing.CopilotScenario;
import dev.parley.server.testing.ScenarioStore;
import dev.parley.server.testing.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationQueriesTest {
  /** How this class makes its stores: the embedded store's; cluster mode's tests give PostgreSQL's. */
  protected ScenarioStore.Factory stores() {
    return TestStore::create;
  }

  @TempDir static Path dir;
  private ScenarioStore store;
  private ConversationQueries queries;
  private final TimeWindow week = new TimeWindow(CopilotScenario.FROM, CopilotScenario.TO);

  @BeforeAll
  void writeScenario() throws Exception {
    store = stores().create(dir);
    CopilotScenario.write(store);
    store.fold(store.lastSeq() / 2); // half folded into the conversation facts, half not
    queries = new ConversationQueries(store.connections(),
        new AnalyticsSettings(CopilotScenario.clock(), CopilotScenario.IDLE_TIMEOUT), store.dialect());
  }

  @AfterAll
  void closeStore() throws Exception {
    store.close();
  }

  private List<ConversationSummary> all(ConversationFilter filter, int limit) {
    List<ConversationSummary> items = new ArrayList<>();
    Optional<PageCursor> cursor = Optional.empty();
    do {
      ConversationPage page = queries.page(filter, limit, cursor.map(c -> PageCursor.decode(c.encode()).orElseThrow()));
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      items.addAll(page.items());
      cursor = page.next();
    } while (cursor.isPresent());
    return items;
  }

  private static List<String> ids(List<ConversationSummary> items) {
    return items.stream().map(ConversationSummary::conversationId).toList();
  }

  @Test
  void pagesDoNotDependOnWhatHasBeenFolded() {
    List<ConversationFilter> filters = List.of(ConversationFilter.all(week),
        ConversationFilter.all(week).withStatus(ConversationStatus.ABANDONED),
        ConversationFilter.all(week).withStatus(ConversationStatus.OPEN),
        ConversationFilter.all(week).withMinRating(4), ConversationFilter.all(week).withHasOutcome(true),
        ConversationFilter.all(week).withUserId("u01"));
    try {
      for (ConversationFilter filter : filters) {
        store.unfold();
        List<ConversationSummary> unfolded = all(filter, 7);
        for (long through : new long[] {store.lastSeq() / 3, store.lastSeq() / 2, store.lastSeq()}) {
          store.unfold();
          store.fold(through);
          assertThat(all(filter, 7)).as("%s folded through seq %d", filter, through).isEqualTo(unfolded);
        }
      }
    } finally {
      store.unfold();
      store.fold(store.lastSeq() / 2);
    }
  }

  @Test
  void pagesVisitEveryConversationOnceNewestFirstEvenWithEqualTimestamps() {
    for (int limit : new int[] {1, 2, 7, 55, 500}) {
      List<ConversationSummary> items = all(ConversationFilter.all(week), limit);
      assertThat(ids(items)).doesNotHaveDuplicates().hasSize(55);
      // p01..p05 share 11:50:00 exactly, after o08's last event at 11:47:01.
      assertThat(ids(items).subList(0, 5)).containsExactly("p05", "p04", "p03", "p02", "p01");
      for (int i = 1; i < items.size(); i++) {
        assertThat(items.get(i).lastEventAt()).isBeforeOrEqualTo(items.get(i - 1).lastEventAt());
      }
    }
  }

  @Test
  void describesEachConversation() {
    ConversationSummary e01 = all(ConversationFilter.all(week).withUserId("u01"), 50).stream()
        .filter(c -> c.conversationId().equals("e01")).findFirst().orElseThrow();
    Instant start = Instant.parse("2026-11-19T00:00:00Z");
    assertThat(e01.startedAt()).isEqualTo(start);
    assertThat(e01.endedAt()).isEqualTo(start.plusSeconds(51));
    assertThat(e01.lastEventAt()).isEqualTo(start.plusSeconds(51));
    assertThat(e01.status()).isEqualTo(ConversationStatus.ENDED);
    assertThat(e01.messageCount()).isEqualTo(4);
    assertThat(e01.avgRating()).isEqualTo(2.0);
    assertThat(e01.actions()).containsExactly("search");
    assertThat(e01.outcomes()).containsExactly("Item Purchased");
  }

  @Test
  void filtersByStatus() {
    assertThat(ids(all(ConversationFilter.all(week).withStatus(ConversationStatus.ABANDONED), 4)))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(i -> id("a", 11 - i)).toList());
    assertThat(all(ConversationFilter.all(week).withStatus(ConversationStatus.ENDED), 10)).hasSize(32);
    assertThat(ids(all(ConversationFilter.all(week).withStatus(ConversationStatus.OPEN), 10)))
        .containsExactlyInAnyOrder("o01", "o02", "o03", "o04", "o05", "o06", "o07", "o08",
            "p01", "p02", "p03", "p04", "p05");
  }

  @Test
  void filtersByUserRatingOutcomeAndText() {
    assertThat(ids(all(ConversationFilter.all(week).withUserId("u01"), 10))).containsExactly("a01", "e01");
    assertThat(ids(all(ConversationFilter.all(week).withMinRating(5), 10))).containsExactly("e09", "e04");
    assertThat(ids(all(ConversationFilter.all(week).withHasOutcome(true), 10)))
        .containsExactly("e04", "e03", "e02", "e01");
    assertThat(all(ConversationFilter.all(week).withHasOutcome(false), 10)).hasSize(51);
    assertThat(ids(all(ConversationFilter.all(week).withText("REFUND"), 10))).containsExactly("a03", "e07");
    assertThat(all(ConversationFilter.all(week).withText("50%_'; drop"), 10)).isEmpty();
  }

  @Test
  void leavesOutConversationsWithoutEventsInTheWindow() {
    TimeWindow october = new TimeWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(ids(all(ConversationFilter.all(october), 10))).containsExactly("old01");
  }

  @Test
  void transcriptOrdersByEventTimeNotArrivalAndAttachesToMessages() {
    Transcript x02 = queries.transcript("x02").orElseThrow();
    assertThat(x02.events()).extracting(TranscriptEvent::event)
        .containsExactly("Conversation Started", "Message Sent", "Message Received", "Conversation Ended");
    assertThat(x02.events().get(0).seq()).isGreaterThan(x02.events().get(3).seq());
    assertThat(x02.findings()).isEmpty();
    assertThat(x02.conversation().status()).isEqualTo(ConversationStatus.ENDED);

    Transcript e01 = queries.transcript("e01").orElseThrow();
    TranscriptEvent reply = e01.events().get(2);
    assertThat(reply.chatMessageId()).isEqualTo("e01-m2");
    assertThat(reply.role()).isEqualTo("ai_agent");
    assertThat(reply.attached()).extracting(TranscriptEvent::event, TranscriptEvent::action, TranscriptEvent::rating)
        .containsExactly(tuple("Feedback Submitted", null, 2.0), tuple("Action Invoked", "search", null),
            tuple("Action Invoked", "search", null));
    assertThat(reply.body()).contains("\"message_body\":\"answer one of e01\"");
    assertThat(e01.events()).hasSize(11);
    assertThat(e01.findings()).isEmpty();

    Transcript e08 = queries.transcript("e08").orElseThrow();
    assertThat(e08.events().get(4).attached()).extracting(TranscriptEvent::itemType, TranscriptEvent::subType)
        .containsExactly(tuple("image", "png"));
  }

  @Test
  void findsMessagesBeforeStartEventsAfterEndAndUnknownFeedback() {
    Transcript x01 = queries.transcript("x01").orElseThrow();
    assertThat(x01.events()).extracting(TranscriptEvent::event).containsExactly("Message Sent",
        "Conversation Started", "Message Received", "Conversation Ended", "Feedback Submitted");
    assertThat(x01.findings()).extracting(SequenceFinding::code, SequenceFinding::seq).containsExactly(
        tuple(SequenceFinding.MESSAGE_BEFORE_START, x01.events().get(0).seq()),
        tuple(SequenceFinding.EVENT_AFTER_END, x01.events().get(4).seq()),
        tuple(SequenceFinding.FEEDBACK_UNKNOWN_MESSAGE, x01.events().get(4).seq()));
    assertThat(x01.findings().get(2).message()).contains("x01-nope");
  }

  @Test
  void findsAMessageCountThatDisagreesWithTheStoredMessages() {
    Transcript e30 = queries.transcript("e30").orElseThrow();
    assertThat(e30.findings()).extracting(SequenceFinding::code, SequenceFinding::message).containsExactly(
        tuple(SequenceFinding.MESSAGE_COUNT_MISMATCH, "Conversation Ended says message_count 5 but 4 messages are stored"));
    assertThat(queries.transcript("e29").orElseThrow().findings()).isEmpty();
  }

  @Test
  void transcriptSummaryAgreesWithTheList() {
    ConversationSummary fromList = all(ConversationFilter.all(week).withStatus(ConversationStatus.ABANDONED), 20)
        .get(0);
    assertThat(queries.transcript(fromList.conversationId()).orElseThrow().conversation()).isEqualTo(fromList);
  }

  @Test
  void anUnknownConversationHasNoTranscript() {
    assertThat(queries.transcript("nope")).isEmpty();
  }
}
