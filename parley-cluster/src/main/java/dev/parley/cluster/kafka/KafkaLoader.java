package dev.parley.cluster.kafka;

import dev.parley.cluster.postgres.PostgresStore;
import dev.parley.server.ingest.Submission;
import dev.parley.server.log.SubmissionCodec;
import dev.parley.server.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loader of cluster mode: one member of the loaders' consumer group. Each poll's records go
 * into PostgreSQL in one transaction with the next offset of each partition they came from
 * ({@link PostgresStore#load}); on assignment it seeks to the offsets PostgreSQL holds, never
 * to Kafka's (auto-commit is off and nothing is committed to Kafka), so a crash or a
 * rebalance at any point loads each record exactly once. The offsets are kept with Kafka's id
 * of the topic, so a topic deleted and made again under the same name is loaded from its
 * beginning. A failed load is retried from the stored offsets on a fresh connection. Runs on its own thread; {@link #close} stops it.
 */
public final class KafkaLoader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaLoader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY = Duration.ofMillis(500);

  private final Consumer<byte[], byte[]> consumer;
  private final Admin admin;
  private final String topic;
  /** Kafka's id of the topic as of the last assignment; null when it could not be read. */
  private String topicId;
  private final Supplier<PostgresStore> stores;
  private final Thread thread;
  private final AtomicLong loaded = new AtomicLong();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean stopping;
  private PostgresStore store;

  private KafkaLoader(Consumer<byte[], byte[]> consumer, Admin admin, String topic, Supplier<PostgresStore> stores) {
    this.consumer = consumer;
    this.admin = admin;
    this.topic = topic;
    this.stores = stores;
    this.thread = new Thread(this::run, "parley-kafka-loader");
  }

  /** Starts a loader of {@code topic} in consumer group {@code group}, storing through {@code stores}. */
  public static KafkaLoader start(String bootstrapServers, String topic, String group, Supplier<PostgresStore> stores) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    // A loader that dies (kill -9, a lost machine) gives its partitions up after 10 s, not 45.
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaLoader loader = new KafkaLoader(new KafkaConsumer<>(config),
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)), topic, stores);
    loader.thread.start();
    return loader;
  }

  /**
   * Completes when the loader's thread ends: normally after {@link #close}, exceptionally when it
   * stopped on its own (a record it cannot read, such as one of a newer version, or a Kafka
   * failure it cannot retry). The process should then stop, so that it is seen and restarted.
   */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Events this loader has stored (not counting duplicates). */
  public long loaded() {
    return loaded.get();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          // Nothing to commit: the offsets live in PostgreSQL, with the rows.
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          seekToStored(partitions);
        }
      });
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          loadOrRewind(records);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("the Kafka loader stopped: {}", e.getMessage(), e);
      stopped.completeExceptionally(e);
    } finally {
      try {
        consumer.close();
        admin.close();
        closeStore();
      } finally {
        stopped.complete(null);
      }
    }
  }

  private void loadOrRewind(ConsumerRecords<byte[], byte[]> records) {
    List<Submission> submissions = new ArrayList<>(records.count());
    Map<Integer, Long> next = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      submissions.add(SubmissionCodec.decode(record.value()));
      next.merge(record.partition(), record.offset() + 1, Math::max);
    }
    try {
      loaded.addAndGet(store().load(submissions, topic, topicId, next).stored());
    } catch (StoreException e) {
      log.warn("a load of {} records failed; retrying from the stored offsets: {}", records.count(), e.getMessage());
      closeStore();
      sleep(RETRY);
      seekToStored(consumer.assignment());
    }
  }

  /**
   * Seeks each partition to the offset PostgreSQL holds for it, or to its beginning when it has
   * none, or has one of an earlier topic of the same name (deleted and made again).
   */
  private void seekToStored(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    topicId = currentTopicId();
    while (!stopping) {
      try {
        Map<Integer, PostgresStore.LoadedOffset> stored = store().loadedOffsets(topic);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition partition : partitions) {
          PostgresStore.LoadedOffset offset = stored.get(partition.partition());
          if (offset == null) {
            fresh.add(partition);
          } else if (offset.topicId() != null && topicId != null && !offset.topicId().equals(topicId)) {
            log.warn("{} was made again (its id is {}, the loaded offsets are of {}): partition {} is loaded from its"
                + " beginning, not from offset {}", partition.topic(), topicId, offset.topicId(),
                partition.partition(), offset.next());
            fresh.add(partition);
          } else {
            consumer.seek(partition, offset.next());
          }
        }
        consumer.seekToBeginning(fresh);
        return;
      } catch (StoreException e) {
        log.warn("cannot read the loaded offsets; retrying: {}", e.getMessage());
        closeStore();
        sleep(RETRY);
      }
    }
  }

  /** Kafka's id of the topic, or null (with a warning) when it cannot be read now. */
  private String currentTopicId() {
    try {
      return admin.describeTopics(List.of(topic)).topicNameValues().get(topic).get(10, TimeUnit.SECONDS).topicId()
          .toString();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("cannot read the id of {} (a topic made again under its name would not be noticed now): {}", topic,
          e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private PostgresStore store() {
    if (store == null) {
      store = stores.get();
    }
    return store;
  }

  private void closeStore() {
    if (store != null) {
      try {
        store.close();
      } catch (StoreException e) {
        log.debug("closing a broken connection", e);
      }
      store = null;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after the load in progress (committed or rolled back) and leaves the group. */
  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
