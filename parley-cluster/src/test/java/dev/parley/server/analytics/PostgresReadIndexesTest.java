package dev.parley.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.postgres.PostgresScenarioStore;
import dev.parley.cluster.testing.ClusterServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The read queries on PostgreSQL use the indexes V8 and V10 made for them, bound as the analytics bind
 * them. A partial index serves a query only when the planner can prove the query's WHERE
 * implies the index's: a predicate edited on one side only, or the spec's events listed in
 * another order, silently turns the index-only scan into a scan of every event of the window.
 * Sequential scans are priced out so that the plan shows what the indexes allow, whatever the
 * size of the test's tables. (The conversation page's walk of conversation_facts_order is a
 * choice of cost, not of proof: the query benchmark shows it at scale.)
 */
class PostgresReadIndexesTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.postgresOnly();

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource({
      "summary-feedback, events_feedback",
      "summary-items, events_items",
      "summary-outcomes, events_outcomes",
      "usage-summary, events_priced",
      "usage-summary, events_outcomes",
      "summary-conversations, conversation_facts_order",
      "summary-users, people_hours_key",
      "summary-users, events_ts",
      "usage-by-model, events_priced",
      "usage-by-model, message_latencies_ts",
      "attribution, events_priced"})
  void theQueryUsesTheIndexMadeForIt(String query, String index) throws Exception {
    assertThat(plan(query, "model")).as(query).containsPattern("(using|Scan on) " + index + "\\b");
  }

  /** Each kind of attribution reads its features from the index alone, never the events' rows. */
  @ParameterizedTest(name = "attribution by {0} reads {1} alone")
  @CsvSource({
      "action, events_items",
      "component, events_items",
      "media, events_items",
      "model, events_priced"})
  void eachKindOfAttributionReadsItsFeaturesFromAnIndexAlone(String kind, String index) throws Exception {
    assertThat(plan("attribution", kind)).containsPattern("Index Only Scan using " + index + "\\b");
  }

  private static String plan(String query, String kind) throws Exception {
    try (PostgresScenarioStore store = PostgresScenarioStore.create(services.postgres().jdbcUrl());
        Connection c = store.connections().open()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL enable_seqscan = off");
      }
      Map<String, Object> params = new HashMap<>(
          new UsageQueries(store.connections(), ConversationFactsFoldPropertyTest.SETTINGS, Dialect.POSTGRES)
              .params(ConversationFactsFoldPropertyTest.WINDOW, c));
      params.put("kind", kind);
      StringBuilder plan = new StringBuilder();
      try (PreparedStatement st = NamedSql.load(Dialect.POSTGRES, query).explain(c, params);
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      c.rollback();
      return plan.toString();
    }
  }
}
