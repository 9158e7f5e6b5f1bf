package dev.parley.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.config.KeyStore;
import dev.parley.server.config.Secrets;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.config.Source;
import dev.parley.server.ingest.Ingestor;
import dev.parley.server.ingest.RateLimiter;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.store.DuckDbStore;
import dev.parley.server.store.EventStore;
import dev.parley.server.store.GroupCommitWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The collector without HTTP: the keys, the store, its writer, and the ingest path over
 * them. {@code parley serve} puts HTTP in front of it; {@code parley import} uses it directly.
 * Opening it makes a write key and an admin token when the data directory has none.
 */
public final class Collector implements AutoCloseable {
  private final KeyStore keys;
  private final EventStore store;
  private final GroupCommitWriter writer;
  private final Ingestor ingestor;
  private final Metrics metrics;
  private final ObjectMapper json;
  private final String adminToken;
  private final List<String> notices;

  private Collector(KeyStore keys, EventStore store, GroupCommitWriter writer, Ingestor ingestor, Metrics metrics,
      ObjectMapper json, String adminToken, List<String> notices) {
    this.keys = keys;
    this.store = store;
    this.writer = writer;
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.json = json;
    this.adminToken = adminToken;
    this.notices = List.copyOf(notices);
  }

  /** Opens the data directory's keys and store and starts the writer. */
  public static Collector open(ServerConfig config) {
    KeyStore keys = KeyStore.open(config.dataDir());
    List<String> notices = new ArrayList<>();
    if (config.writeKey().isPresent()) {
      keys.ensure(config.writeKey().get(), "default");
    } else if (keys.list().stream().noneMatch(Source::active)) {
      Source made = keys.create("default", Optional.empty());
      notices.add("write key (source " + made.id() + "): " + made.writeKey());
    }
    String adminToken = config.adminToken().or(keys::adminToken).orElseGet(() -> {
      String made = Secrets.random("adm_", 24);
      keys.adminToken(made);
      notices.add("admin token: " + made);
      return made;
    });
    Metrics metrics = new Metrics();
    ObjectMapper json = new ObjectMapper();
    DuckDbStore store = DuckDbStore.open(config.dataDir());
    GroupCommitWriter writer = new GroupCommitWriter(store, config.commitWindow(), config.queueEvents(), metrics).start();
    Ingestor ingestor = new Ingestor(json, keys, config.validation(), writer, metrics, Clock.systemUTC(),
        new RateLimiter(config.rateLimit(), System::nanoTime));
    return new Collector(keys, store, writer, ingestor, metrics, json, adminToken, notices);
  }

  public KeyStore keys() {
    return keys;
  }

  public EventStore store() {
    return store;
  }

  public GroupCommitWriter writer() {
    return writer;
  }

  public Ingestor ingestor() {
    return ingestor;
  }

  public Metrics metrics() {
    return metrics;
  }

  public ObjectMapper json() {
    return json;
  }

  public String adminToken() {
    return adminToken;
  }

  /** Lines to print once: the write key and admin token made on this start, if any. */
  public List<String> notices() {
    return notices;
  }

  /** Stops taking events, commits what was accepted, and closes the store. */
  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      store.close();
    }
  }
}
