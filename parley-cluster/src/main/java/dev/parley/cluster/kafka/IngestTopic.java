package dev.parley.cluster.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest topic, made when it is missing: {@value #PARTITIONS} partitions (the most loaders
 * that can share the work), replicated to three brokers where there are three (two must hold
 * a record before it is acknowledged), kept {@link #RETENTION} by default, since every copy of
 * an erased user's events in Kafka lives until it expires. An existing topic kept longer is
 * used as it is, with a warning.
 */
public final class IngestTopic {
  public static final int PARTITIONS = 12;
  public static final Duration RETENTION = Duration.ofHours(24);
  private static final Logger log = LoggerFactory.getLogger(IngestTopic.class);

  private IngestTopic() {}

  /**
   * Makes the topic unless it exists; returns how long it keeps records.
   *
   * @throws IllegalStateException when the cluster cannot be reached or refuses
   */
  public static Duration ensure(KafkaAddress address) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000))) {
      int brokers = admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).size();
      short replicas = (short) Math.min(3, Math.max(1, brokers));
      NewTopic topic = new NewTopic(address.topic(), PARTITIONS, replicas).configs(Map.of(
          TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION.toMillis()),
          TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, replicas))));
      try {
        admin.createTopics(List.of(topic)).all().get(20, TimeUnit.SECONDS);
        log.info("made the topic {}: {} partitions, {} replicas, kept {} h", address.topic(), PARTITIONS, replicas,
            RETENTION.toHours());
        return RETENTION;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, address.topic());
      Config config = admin.describeConfigs(List.of(resource)).all().get(20, TimeUnit.SECONDS).get(resource);
      long retentionMs = Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
      Duration retention = retentionMs < 0 ? Duration.ofMillis(Long.MAX_VALUE) : Duration.ofMillis(retentionMs);
      if (retention.compareTo(RETENTION) > 0) {
        log.warn("the topic {} keeps records {}: an erased user's events stay in Kafka until they expire;"
            + " {} h is Parley's default", address.topic(), retentionMs < 0 ? "for ever" : retention.toHours() + " h",
            RETENTION.toHours());
      }
      return retention;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + address.bootstrapServers() + " to check the topic "
          + address.topic() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the topic", e);
    }
  }
}
