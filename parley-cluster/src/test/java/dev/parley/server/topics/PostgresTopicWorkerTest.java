package dev.parley.server.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cluster.postgres.PostgresReads;
import dev.parley.cluster.postgres.PostgresSchema;
import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.cluster.postgres.PostgresTopics;
import dev.parley.cluster.testing.ClusterServices;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.server.store.ReadConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TopicWorkerTest} on cluster mode's PostgreSQL store: events stored by the loads' own
 * transaction (which adds their conversations to {@code topic_pending}), the worker's writes
 * through {@link PostgresTopics}, erasure by the store's; and the lease that lets one worker
 * of a cluster work.
 */
class PostgresTopicWorkerTest extends TopicWorkerTest {
  @RegisterExtension static final ClusterServices services = ClusterServices.postgresOnly();

  @Override
  protected Store open(Path dir) {
    String url = services.postgres().jdbcUrl();
    try (Connection c = services.postgres().connect(); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA public CASCADE");
      st.execute("CREATE SCHEMA public");
      PostgresSchema.migrate(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    PostgresStore loads = PostgresStore.open(url, new Properties());
    PostgresReads reads = new PostgresReads(url, new Properties());
    PostgresTopics topics = new PostgresTopics(url, new Properties());
    return new Store() {
      private long offset;

      @Override
      public void commit(List<NormalisedEvent> events) {
        loads.load(List.of(new Submission(events, List.of())), "topics-test", Map.of(0, ++offset));
      }

      @Override
      public ReadConnections reads() {
        return reads;
      }

      @Override
      public Dialect dialect() {
        return Dialect.POSTGRES;
      }

      @Override
      public TopicWorker.Writer writer() {
        return topics;
      }

      @Override
      public void erase(String userId, Instant at) {
        loads.erase(userId, at);
      }

      @Override
      public void close() {
        topics.close();
        reads.close();
        loads.close();
      }
    };
  }

  @Test
  void oneServerOfTheClusterHoldsTheLeaseAndAnotherTakesItWhenItGoes() {
    String url = services.postgres().jdbcUrl();
    try (PostgresTopics first = new PostgresTopics(url, new Properties());
        PostgresTopics second = new PostgresTopics(url, new Properties())) {
      assertThat(first.held()).isTrue();
      assertThat(second.held()).as("taken by the first").isFalse();
      assertThat(first.held()).as("still held").isTrue();
      first.close(); // the server stops: its session ends
      assertThat(first.held()).as("closed, it takes nothing again").isFalse();
      assertThat(second.held()).isTrue();
      try (PostgresTopics back = new PostgresTopics(url, new Properties())) {
        assertThat(back.held()).as("the first server, back, finds it taken").isFalse();
      }
    }
  }

  @Test
  void aWorkerWithoutTheLeaseDoesNothingAndRefusesARecomputeSayingWhy() throws Exception {
    String url = services.postgres().jdbcUrl();
    try (PostgresTopics leader = new PostgresTopics(url, new Properties());
        PostgresTopics other = new PostgresTopics(url, new Properties());
        PostgresReads reads = new PostgresReads(url, new Properties())) {
      assertThat(leader.held()).isTrue();
      TopicWorker follower = new TopicWorker(new TopicStore(reads, Dialect.POSTGRES), other, other, new WordHashEmbedder(), new dev.parley.server.metrics.Metrics(),
          java.time.Clock.systemUTC(), TopicWorker.Settings.defaults(), () -> 0.0);
      java.util.concurrent.CompletableFuture<TopicWorker.Recomputed> asked = follower.recompute();
      assertThat(follower.step()).isFalse();
      assertThat(asked).failsWithin(java.time.Duration.ZERO).withThrowableOfType(
          java.util.concurrent.ExecutionException.class).withCauseInstanceOf(TopicWorker.NotLeader.class)
          .withMessageContaining("another server of this cluster finds the topics");
      follower.close();
    }
  }
}
