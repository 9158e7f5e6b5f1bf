package dev.parley.cluster.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The services a test class of cluster mode needs, started before its tests and stopped after
 * them: a PostgreSQL server ({@link PostgresServer}; the class is skipped without one) and,
 * when asked, a Kafka cluster ({@link KafkaCluster}). Register with
 * {@code @RegisterExtension static final ClusterServices services = ClusterServices.withKafka();}.
 */
public final class ClusterServices implements BeforeAllCallback, AfterAllCallback {
  private final boolean withKafka;
  private final int brokers;
  private PostgresServer postgres;
  private KafkaCluster kafka;

  private ClusterServices(boolean withKafka) {
    this(withKafka ? 1 : 0);
  }

  private ClusterServices(int brokers) {
    this.withKafka = brokers > 0;
    this.brokers = Math.max(1, brokers);
  }

  /** PostgreSQL only. */
  public static ClusterServices postgresOnly() {
    return new ClusterServices(false);
  }

  /** PostgreSQL and a one-broker Kafka cluster. */
  public static ClusterServices withKafka() {
    return new ClusterServices(true);
  }

  /** PostgreSQL and a Kafka cluster of {@code brokers} brokers. */
  public static ClusterServices withKafka(int brokers) {
    return new ClusterServices(brokers);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    postgres = PostgresServer.start();
    if (withKafka) {
      kafka = KafkaCluster.start(brokers);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  public PostgresServer postgres() {
    return postgres;
  }

  public KafkaCluster kafka() {
    return kafka;
  }

  /** The server as {@code parley load --store} takes it. */
  public String storeAddress() {
    return postgres.jdbcUrl().replace("jdbc:postgresql://", "postgresql://postgres@").replace("?user=postgres", "");
  }

  /** A cluster-mode server over {@code dataDir}: Kafka's topic {@code topic} as its log, this PostgreSQL as its store. */
  public dev.parley.server.testing.TestServer startServer(java.nio.file.Path dataDir, String topic) {
    String log = "kafka://" + kafka.bootstrapServers() + "/" + topic;
    dev.parley.server.config.StoreAddress store =
        new dev.parley.server.config.StoreAddress(storeAddress(), java.util.Optional.empty());
    return dev.parley.server.testing.TestServer.start(dataDir, c -> c.withLog(log).withStore(store));
  }

  /** Waits up to a minute until PostgreSQL holds {@code events} events, then holds it to that (no checked exception). */
  public void awaitEvents(long events) {
    try {
      awaitCount("SELECT count(*) FROM events", events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits up to a minute for {@code sql} to answer {@code expected}, then holds it to that. */
  public void awaitCount(String sql, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (count(sql) != expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    org.assertj.core.api.Assertions.assertThat(count(sql)).as(sql).isEqualTo(expected);
  }

  /** The one number {@code sql} answers; -1 while PostgreSQL is down for a moment. */
  public long count(String sql) {
    try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      return -1;
    }
  }
}
