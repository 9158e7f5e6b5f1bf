package dev.parley.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.parley.server.config.PriceBook;
import dev.parley.server.config.PriceTable;
import dev.parley.server.testing.StoredEvent;
import dev.parley.server.testing.ScenarioStore;
import dev.parley.server.testing.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tokens, cost, the model rows and attribution of a small scenario, against figures worked
 * out by hand. Window 10:00-12:00; model m-a costs 1 and 2 per million input and output
 * tokens until 11:00, then 10 and 20; m-b has no price.
 *
 * <pre>
 * c1 10:00  Sent, Received by m-a (1,000,000 in, 500,000 out: 2.00), rated 5, Item Purchased, Ended
 * c2 11:00  Sent, Received by m-a (100,000 in, 50,000 out, new price: 2.00),
 *           Action Invoked tool/search by m-a with a sent cost of 0.50, rated 3, Ended
 * c3 10:30  Sent, Received by m-b (10 in, 10 out: unpriced), never ended: abandoned
 * c4 10:40  Sent, Received (no usage), Component Loaded chart, Item Purchased, Ended
 * old 09:00 Received by m-a with a sent cost of 100: outside the window
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageQueriesTest {
  /** How this class makes its stores: the embedded store's; cluster mode's tests give PostgreSQL's. */
  protected ScenarioStore.Factory stores() {
    return TestStore::create;
  }

  private static final Instant T = Instant.parse("2026-11-10T10:00:00Z");
  private static final TimeWindow WINDOW = new TimeWindow(T, T.plus(Duration.ofHours(2)));
  private static final Offset<Double> CENT = within(1e-9);
  private ScenarioStore store;
  private UsageQueries usage;
  private SummaryQueries summaries;

  @BeforeAll
  void writeScenario() throws Exception {
    store = stores().create(java.nio.file.Files.createTempDirectory("usage"));
    PriceTable prices = PriceTable.parse(new ObjectMapper(new YAMLFactory()).readTree("""
        currency: EUR
        prices:
          m-a:
            - {input: 1.0, output: 2.0}
            - {from: 2026-11-10T11:00:00Z, input: 10, output: 20}
        """));
    AnalyticsSettings settings = new AnalyticsSettings(Clock.fixed(T.plus(Duration.ofHours(3)), ZoneOffset.UTC),
        Duration.ofMinutes(30), PriceBook.of(prices));
    usage = new UsageQueries(store.connections(), settings, store.dialect());
    summaries = new SummaryQueries(store.connections(), settings, store.dialect());

    conversation("c1", at(0), 2, "m-a", 1_000_000L, 500_000L, null);
    insert(StoredEvent.track("Feedback Submitted", "c1", at(3)).rating(5));
    insert(StoredEvent.track("Item Purchased", "c1", at(5)));
    insert(StoredEvent.track("Conversation Ended", "c1", at(6)));

    conversation("c2", at(60), 4, "m-a", 100_000L, 50_000L, null);
    long action = insert(StoredEvent.track("Action Invoked", "c2", at(61)).message("c2-r").item("tool", "search", null));
    store.usage(action, "m-a", null, null, 0.5);
    insert(StoredEvent.track("Feedback Submitted", "c2", at(62)).rating(3));
    insert(StoredEvent.track("Conversation Ended", "c2", at(70)));

    conversation("c3", at(30), 1, "m-b", 10L, 10L, null);

    conversation("c4", at(40), 3, null, null, null, null);
    insert(StoredEvent.track("Component Loaded", "c4", at(41)).message("c4-r").item("chart", null, null));
    insert(StoredEvent.track("Item Purchased", "c4", at(42)));
    insert(StoredEvent.track("Conversation Ended", "c4", at(43)));

    long old = insert(StoredEvent.track("Message Received", "old", at(-60)).message("old-r").body("earlier"));
    store.usage(old, "m-a", 5L, 5L, 100.0);
    store.fold(store.lastSeq() / 2);
  }

  @AfterAll
  void closeStore() throws Exception {
    store.close();
  }

  private static Instant at(int minutes) {
    return T.plus(Duration.ofMinutes(minutes));
  }

  private long insert(StoredEvent event) {
    return store.insert(event.user("u-" + event.conversationId()));
  }

  /** Started, Sent, and a Received {@code replySeconds} later with this usage. */
  private void conversation(String id, Instant start, int replySeconds, String model, Long in, Long out, Double cost) {
    insert(StoredEvent.track("Conversation Started", id, start));
    insert(StoredEvent.track("Message Sent", id, start).message(id + "-s").body("question"));
    long reply = insert(StoredEvent.track("Message Received", id, start.plusSeconds(replySeconds)).message(id + "-r")
        .body("answer"));
    if (model != null || in != null || out != null || cost != null) {
      store.usage(reply, model, in, out, cost);
    }
  }

  @Test
  void theSummaryCountsTokensAndPricesEachEventAtItsTime() {
    Summary summary = summaries.summary(WINDOW);

    assertThat(summary.tokens()).isEqualTo(new UsageFigures.Tokens(1_100_010, 550_010));
    UsageFigures.Cost cost = summary.cost();
    assertThat(cost.currency()).isEqualTo("EUR");
    assertThat(cost.total()).as("2.00 + 2.00 + 0.50").isCloseTo(4.5, CENT);
    assertThat(cost.unpricedEvents()).as("m-b's reply").isEqualTo(1);
    assertThat(cost.perConversation().p50()).as("c1 2.00, c2 2.50").isCloseTo(2.25, CENT);
    assertThat(cost.perConversation().p90()).isCloseTo(2.45, CENT);
    assertThat(cost.perConversationWithOutcome()).as("c1 only: c4 converted but cost nothing known")
        .isCloseTo(2.0, CENT);
  }

  @Test
  void eachModelHasItsConversationsRepliesLatencyRatingConversionTokensAndCost() {
    List<UsageFigures.ModelRow> rows = usage.byModel(WINDOW);

    assertThat(rows).extracting(UsageFigures.ModelRow::key).containsExactly("m-a", "m-b");
    UsageFigures.ModelRow a = rows.get(0);
    assertThat(a.conversations()).isEqualTo(2);
    assertThat(a.messages()).isEqualTo(2);
    assertThat(a.replyLatencyMs()).isEqualTo(new UsageFigures.Spread(3000.0, 3800.0));
    assertThat(a.avgRating()).isEqualTo(4.0);
    assertThat(a.conversionRate()).isEqualTo(0.5);
    assertThat(a.tokens()).isEqualTo(new UsageFigures.Tokens(1_100_000, 550_000));
    assertThat(a.cost()).isCloseTo(4.5, CENT);
    assertThat(a.unpricedEvents()).isZero();
    UsageFigures.ModelRow b = rows.get(1);
    assertThat(b).isEqualTo(new UsageFigures.ModelRow("m-b", 1, 1, new UsageFigures.Spread(1000.0, 1000.0), null,
        0.0, new UsageFigures.Tokens(10, 10), null, 1));
  }

  @Test
  void attributionComparesConversationsWithAndWithoutEachModel() {
    List<UsageFigures.AttributionItem> items = usage.attribution(AttributionKind.MODEL, WINDOW).items();

    assertThat(items).extracting(UsageFigures.AttributionItem::key).containsExactly("m-a", "m-b");
    UsageFigures.AttributionItem a = items.get(0);
    assertThat(a.with()).isEqualTo(new UsageFigures.Side(2, 0.5, 4.0, 0.0));
    assertThat(a.without()).as("c3, c4").isEqualTo(new UsageFigures.Side(2, 0.5, null, 0.5));
    assertThat(a.lift()).isEqualTo(new UsageFigures.Lift(0.0, null, -0.5));
    UsageFigures.AttributionItem b = items.get(1);
    assertThat(b.with()).isEqualTo(new UsageFigures.Side(1, 0.0, null, 1.0));
    assertThat(b.without().conversations()).isEqualTo(3);
    assertThat(b.lift().conversionRate()).isCloseTo(-2.0 / 3, CENT);
    assertThat(b.lift().abandonmentRate()).isCloseTo(1.0, CENT);
  }

  @Test
  void attributionByActionComponentAndMedia() {
    UsageFigures.AttributionItem search = usage.attribution(AttributionKind.ACTION, WINDOW).items().get(0);
    assertThat(search.key()).isEqualTo("tool/search");
    assertThat(search.with()).isEqualTo(new UsageFigures.Side(1, 0.0, 3.0, 0.0));
    assertThat(search.without().avgRating()).as("c1's 5").isEqualTo(5.0);
    assertThat(search.lift().avgRating()).isEqualTo(-2.0);

    List<UsageFigures.AttributionItem> components = usage.attribution(AttributionKind.COMPONENT, WINDOW).items();
    assertThat(components).singleElement().satisfies(chart -> {
      assertThat(chart.key()).isEqualTo("chart");
      assertThat(chart.with()).isEqualTo(new UsageFigures.Side(1, 1.0, null, 0.0));
      assertThat(chart.without().avgRating()).as("c1's 5 and c2's 3; none rated c4").isEqualTo(4.0);
      assertThat(chart.lift().conversionRate()).isCloseTo(2.0 / 3, CENT);
    });
    assertThat(usage.attribution(AttributionKind.MEDIA, WINDOW).items()).isEmpty();
  }

  @Test
  void withoutPricesEveryTokenCountIsUnpricedNotFree() {
    SummaryQueries unpriced = new SummaryQueries(store.connections(), new AnalyticsSettings(
        Clock.fixed(T.plus(Duration.ofHours(3)), ZoneOffset.UTC), Duration.ofMinutes(30)), store.dialect());

    UsageFigures.Cost cost = unpriced.summary(WINDOW).cost();

    assertThat(cost.total()).as("only the sent 0.50").isCloseTo(0.5, CENT);
    assertThat(cost.unpricedEvents()).isEqualTo(3);
  }
}
