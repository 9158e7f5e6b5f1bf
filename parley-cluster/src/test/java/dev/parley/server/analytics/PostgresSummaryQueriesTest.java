package dev.parley.server.analytics;

import dev.parley.cluster.postgres.PostgresScenarioStore;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.testing.ScenarioStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SummaryQueriesTest}'s hand-computed answers, from cluster mode's PostgreSQL store. */
class PostgresSummaryQueriesTest extends SummaryQueriesTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.postgresOnly();

  @Override
  protected ScenarioStore.Factory stores() {
    return dir -> PostgresScenarioStore.create(services.postgres().jdbcUrl());
  }
}
