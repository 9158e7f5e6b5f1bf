package dev.parley.cluster.postgres;

import dev.parley.cluster.kafka.KafkaAddress;
import dev.parley.cluster.kafka.KafkaLoader;
import dev.parley.server.config.KeyDocument;
import dev.parley.server.config.StoreAddress;
import dev.parley.server.store.Erasure;
import dev.parley.server.store.RemoteStore;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --store postgresql://USER@HOST:PORT/DB}: the database the collectors share. It holds
 * their keys ({@link PostgresKeyDocument}); a collector given a Kafka log also loads that log
 * into it, as one more member of the loaders' consumer group ({@value #LOADERS}), so the
 * simplest cluster is N identical {@code parley serve} processes.
 */
public final class PostgresRemoteStore implements RemoteStore {
  /** The consumer group of every loader: {@code parley load}'s default, and collectors'. */
  public static final String LOADERS = "parley-loaders";
  private static final Logger log = LoggerFactory.getLogger(PostgresRemoteStore.class);
  /** How often a collector reads the suppression list (it reads it whole when it grew). */
  static final long FOLLOW_EVERY_MILLIS = 250;

  @Override
  public boolean accepts(String address) {
    return address.startsWith("postgresql://");
  }

  @Override
  public Opened open(StoreAddress address, Optional<String> logAddress) {
    PostgresAddress postgres = PostgresAddress.parse(address.address());
    Properties properties = postgres.properties(address.passwordFile(), System.getenv());
    PostgresStore.open(postgres.jdbcUrl(), properties).close(); // reachable, and the schema up to date
    PostgresKeyDocument keys = new PostgresKeyDocument(postgres.jdbcUrl(), properties,
        "the parley_keys table of " + postgres);
    KafkaLoader loader = null;
    if (logAddress.filter(a -> a.startsWith("kafka://")).isPresent()) {
      KafkaAddress kafka = KafkaAddress.parse(logAddress.get());
      loader = KafkaLoader.start(kafka.bootstrapServers(), kafka.topic(), LOADERS,
          () -> PostgresStore.open(postgres.jdbcUrl(), properties));
      loader.stopped().whenComplete((done, failure) -> {
        if (failure != null) {
          log.error("the loader of {} into {} stopped (nothing is lost: what it had not committed is loaded again"
              + " by another loader, or after a restart): {}", kafka, postgres, failure.getMessage());
        }
      });
      log.info("loading {} into {} as a member of {}", kafka, postgres, LOADERS);
    }
    return new Shared(keys, loader, () -> PostgresStore.open(postgres.jdbcUrl(), properties),
        new PostgresReads(postgres.jdbcUrl(), properties), new PostgresTopics(postgres.jdbcUrl(), properties));
  }

  /** One collector's view of the shared store. */
  private static final class Shared implements Opened {
    private final PostgresKeyDocument keys;
    private final KafkaLoader loader;
    private final java.util.function.Supplier<PostgresStore> stores;
    private final PostgresReads reads;
    private final PostgresTopics topics; // connects only once a topic worker uses it
    private final java.util.concurrent.ScheduledExecutorService follower =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
          Thread t = new Thread(task, "parley-suppressions-follower");
          t.setDaemon(true);
          return t;
        });
    private PostgresStore followed; // used only on the follower's thread
    private long seen = -1;

    Shared(PostgresKeyDocument keys, KafkaLoader loader, java.util.function.Supplier<PostgresStore> stores,
        PostgresReads reads, PostgresTopics topics) {
      this.topics = topics;
      this.keys = keys;
      this.reads = reads;
      this.loader = loader;
      this.stores = stores;
    }

    @Override
    public KeyDocument keys() {
      return keys;
    }

    @Override
    public dev.parley.server.store.ReadConnections reads() {
      return reads;
    }

    @Override
    public dev.parley.server.analytics.Dialect dialect() {
      return dev.parley.server.analytics.Dialect.POSTGRES;
    }

    @Override
    public Erasure erase(String userId, java.time.Instant at) {
      try (PostgresStore store = stores.get()) {
        return store.erase(userId, at);
      }
    }

    @Override
    public long deleteBefore(java.time.Instant cutoff, int maxEvents) {
      try (PostgresStore store = stores.get()) {
        return store.deleteBefore(cutoff, maxEvents);
      }
    }

    @Override
    public Optional<Topics> topics() {
      return Optional.of(new Topics(topics, topics));
    }

    @Override
    public void followSuppressions(java.util.function.Consumer<java.util.Collection<String>> added) {
      try (PostgresStore store = stores.get()) {
        seen = store.suppressionCount();
        added.accept(store.suppressedIds());
      }
      follower.scheduleWithFixedDelay(() -> follow(added), FOLLOW_EVERY_MILLIS, FOLLOW_EVERY_MILLIS,
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Reads the list when it grew (it only grows); a failure is logged once and retried on a new connection. */
    private void follow(java.util.function.Consumer<java.util.Collection<String>> added) {
      try {
        if (followed == null) {
          followed = stores.get();
        }
        long count = followed.suppressionCount();
        if (count != seen) {
          seen = count;
          added.accept(followed.suppressedIds());
        }
      } catch (RuntimeException e) {
        log.warn("cannot read the suppression list (the ids read before stay suppressed): {}", e.getMessage());
        if (followed != null) {
          try {
            followed.close();
          } catch (RuntimeException ignored) {
            // already broken
          }
          followed = null;
        }
      }
    }

    @Override
    public void close() {
      follower.shutdownNow();
      try {
        follower.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        if (loader != null) {
          loader.close();
        }
      } finally {
        try {
          topics.close();
          keys.close();
          if (followed != null) {
            followed.close();
          }
        } finally {
          reads.close();
        }
      }
    }
  }
}
