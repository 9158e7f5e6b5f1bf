package dev.parley.cluster.postgres;

import dev.parley.cluster.kafka.KafkaAddress;
import dev.parley.cluster.kafka.KafkaLoader;
import dev.parley.server.config.KeyDocument;
import dev.parley.server.config.StoreAddress;
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
    KafkaLoader started = loader;
    return new Opened() {
      @Override
      public KeyDocument keys() {
        return keys;
      }

      @Override
      public void close() {
        try {
          if (started != null) {
            started.close();
          }
        } finally {
          keys.close();
        }
      }
    };
  }
}
