package dev.parley.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.config.KeyStore;
import dev.parley.server.config.NewKey;
import dev.parley.server.config.Secrets;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.config.Source;
import dev.parley.server.ingest.Ingestor;
import dev.parley.server.ingest.RateLimiter;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.ContentPolicies;
import dev.parley.server.privacy.Suppressions;
import dev.parley.server.store.DuckDbStore;
import dev.parley.server.store.Erasure;
import dev.parley.server.store.EventStore;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.RetentionSchedule;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.SuppressionReader;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger log = LoggerFactory.getLogger(Collector.class);
  private static final Duration RETENTION_EVERY = Duration.ofHours(1);

  private final KeyStore keys;
  private final EventStore store;
  private final GroupCommitWriter writer;
  private final Ingestor ingestor;
  private final Metrics metrics;
  private final ObjectMapper json;
  private final String adminToken;
  private final List<String> notices;
  private final Suppressions suppressions;
  private final Optional<RetentionSchedule> retention;

  private Collector(KeyStore keys, EventStore store, GroupCommitWriter writer, Ingestor ingestor, Metrics metrics,
      ObjectMapper json, String adminToken, List<String> notices, Suppressions suppressions,
      Optional<RetentionSchedule> retention) {
    this.suppressions = suppressions;
    this.retention = retention;
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
      NewKey made = keys.create("default", Optional.empty());
      notices.add("write key (source " + made.source().id() + "): " + made.writeKey());
    }
    String adminToken = config.adminToken().or(keys::adminToken).orElseGet(() -> {
      String made = Secrets.random("adm_", 24);
      keys.adminToken(made);
      notices.add("admin token: " + made);
      return made;
    });
    String hashKey = config.privacy().hashKey().or(keys::hashKey).orElseGet(() -> {
      String made = Secrets.random("hk_", 32);
      keys.hashKey(made);
      return made;
    });
    ContentPolicies content = new ContentPolicies(config.privacy(), hashKey);
    Metrics metrics = new Metrics();
    ObjectMapper json = new ObjectMapper();
    DuckDbStore store = DuckDbStore.open(config.dataDir(), config.memoryLimit());
    metrics.describe("parley_dedupe_filter_bytes", "Heap held by the filter of stored messageIds (dedupe).");
    metrics.gauge("parley_dedupe_filter_bytes", store::dedupeFilterBytes);
    Suppressions suppressions = new Suppressions();
    try {
      new SuppressionReader(store.readConnections()).all().forEach(s -> suppressions.addAll(List.of(s.id())));
    } catch (SQLException e) {
      store.close();
      throw new StoreException("cannot read the suppression list: " + e.getMessage(), e);
    }
    GroupCommitWriter writer = new GroupCommitWriter(store, config.commitWindow(), config.queueEvents(), metrics,
        suppressions).start();
    Ingestor ingestor = new Ingestor(json, keys, config.validation(), writer, metrics, Clock.systemUTC(),
        new RateLimiter(config.rateLimit(), System::nanoTime), content, suppressions);
    Optional<RetentionSchedule> retention = config.privacy().retention()
        .map(keep -> RetentionSchedule.start(writer, keep, RETENTION_EVERY, Clock.systemUTC()));
    return new Collector(keys, store, writer, ingestor, metrics, json, adminToken, notices, suppressions, retention);
  }

  /**
   * Erases a user: every event of theirs and of the anonymousIds linked to them is deleted,
   * the store is compacted so the text is gone from its files, and all those ids are
   * suppressed (later events are acknowledged and discarded). The userId is suppressed at
   * once; the rest happens on the writer thread.
   */
  public CompletableFuture<Erasure> erase(String userId) {
    suppressions.addAll(List.of(userId));
    return writer.maintain(s -> {
      Erasure erasure = s.erase(userId, Clock.systemUTC().instant());
      suppressions.addAll(erasure.linkedIds());
      log.info("erased a user: {} events, {} violations, {} linked ids", erasure.events(), erasure.violations(),
          erasure.linkedIds().size());
      return erasure;
    });
  }

  /** Stops scheduled maintenance (retention); the writer and store stay open. */
  public void stopMaintenance() {
    retention.ifPresent(RetentionSchedule::close);
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
    stopMaintenance();
    try {
      writer.close();
    } finally {
      store.close();
    }
  }
}
