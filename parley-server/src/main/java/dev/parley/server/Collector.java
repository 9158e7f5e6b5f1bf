package dev.parley.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.config.KeyStore;
import dev.parley.server.config.Role;
import dev.parley.server.config.Secrets;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.ingest.BodyLimits;
import dev.parley.server.ingest.EventSink;
import dev.parley.server.ingest.Ingestor;
import dev.parley.server.ingest.RateLimiter;
import dev.parley.server.load.Loader;
import dev.parley.server.log.FileLog;
import dev.parley.server.log.IngestLog;
import dev.parley.server.log.RemoteLog;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.ContentPolicies;
import dev.parley.server.privacy.Suppressions;
import dev.parley.server.store.DuckDbStore;
import dev.parley.server.store.Erasure;
import dev.parley.server.store.EventStore;
import dev.parley.server.store.ReadConnections;
import dev.parley.server.store.RemoteStore;
import dev.parley.server.load.RetentionSchedule;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.SuppressionReader;
import dev.parley.server.topics.MiniLmEmbedder;
import dev.parley.server.topics.TopicStore;
import dev.parley.server.topics.TopicWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector without HTTP: the keys, the store, the ingest log in front of it and the
 * loader between them, and the ingest path over them. {@code parley serve} puts HTTP in front
 * of it; {@code parley import} uses it directly. Opening it makes a write key and an admin
 * token when the data directory has none.
 *
 * <p>The collector owns what it opens: a failure while opening closes what was opened, and
 * {@link #close} closes it all in the reverse order of opening.
 */
public final class Collector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Collector.class);
  private static final Duration RETENTION_EVERY = Duration.ofHours(1);
  /** How far behind the log the loader may be while {@code /readyz} says ready. */
  static final Duration READY_LAG = Duration.ofSeconds(10);

  private final KeyStore keys;
  private final EventStore store;
  private final IngestLog ingestLog;
  private final Loader loader;
  private final Ingestor ingestor;
  private final Metrics metrics;
  private final ObjectMapper json;
  private final String adminToken;
  private final List<String> notices;
  private final Suppressions suppressions;
  private final Optional<RetentionSchedule> retention;
  /** The topic worker (embedded store with topics on), or null. */
  private final TopicWorker topics;
  /** Whether accepted events go to a remote log (cluster mode) instead of the data directory's. */
  private final boolean remote;
  /** The remote log (cluster mode), or null. */
  private final RemoteLog.Sink remoteLog;
  /** Cluster mode's shared store, or null. */
  private final RemoteStore.Opened shared;
  /** What was opened, most recent first: closed in this order. */
  private final Deque<AutoCloseable> opened;

  private Collector(Builder b) {
    this.keys = b.keys;
    this.store = b.store;
    this.ingestLog = b.ingestLog;
    this.loader = b.loader;
    this.ingestor = b.ingestor;
    this.metrics = b.metrics;
    this.json = b.json;
    this.adminToken = b.adminToken;
    this.notices = List.copyOf(b.notices);
    this.suppressions = b.suppressions;
    this.retention = b.retention;
    this.topics = b.topics;
    this.remote = b.remoteLog != null;
    this.remoteLog = b.remoteLog;
    this.shared = b.shared;
    this.opened = b.opened;
  }

  /** What {@link #open} has made so far. */
  private static final class Builder {
    KeyStore keys;
    EventStore store;
    IngestLog ingestLog;
    Loader loader;
    Ingestor ingestor;
    Metrics metrics;
    ObjectMapper json;
    String adminToken;
    final List<String> notices = new ArrayList<>();
    Suppressions suppressions;
    Optional<RetentionSchedule> retention = Optional.empty();
    TopicWorker topics;
    RemoteLog.Sink remoteLog;
    RemoteStore.Opened shared;
    final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T own(T resource) {
      opened.push(resource);
      return resource;
    }
  }

  /** Opens the data directory's keys, store and log, and starts the loader. */
  public static Collector open(ServerConfig config) {
    return open(config, Opener.REAL);
  }

  /**
   * The steps of {@link #open} that touch the disk or read the time, and the limits on request
   * bodies, replaceable in tests to make each one fail, to drive the time, or to reach a limit soon.
   */
  interface Opener {
    Opener REAL = new Opener() {};

    /** The monotonic time, in nanoseconds, of the rate limiter. */
    default LongSupplier nanoTime() {
      return System::nanoTime;
    }

    /** How long a request body may take to arrive, and how many body bytes requests may hold at once. */
    default BodyLimits bodyLimits() {
      return BodyLimits.DEFAULT;
    }

    default EventStore store(ServerConfig config) {
      return DuckDbStore.open(config.dataDir(), config.memoryLimit());
    }

    default IngestLog log(ServerConfig config, long loadedThrough, Metrics metrics) throws IOException {
      return FileLog.open(config.dataDir(), loadedThrough,
          FileLog.Settings.defaults().withMaxBytes(config.logMaxBytes())
              .withSegmentBytes(config.logSegmentBytes()), Clock.systemUTC(), metrics);
    }
  }

  static Collector open(ServerConfig config, Opener opener) {
    Builder b = new Builder();
    try {
      if (config.store().isPresent()) {
        if (config.log().isEmpty()) {
          throw new IllegalArgumentException("--store " + config.store().get().address() + " is cluster mode's shared"
              + " store: it needs --log kafka://HOST:PORT/TOPIC as well");
        }
        Optional<String> loads = config.roles().contains(Role.LOAD) ? config.log() : Optional.empty();
        b.shared = b.own(RemoteStore.open(config.store().get(), loads, Collector.class.getClassLoader()));
        b.keys = b.own(KeyStore.watch(b.shared.keys()));
      } else {
        if (!config.roles().contains(Role.LOAD)) {
          throw new IllegalArgumentException("--roles " + Role.format(config.roles()) + " leaves out load, which only"
              + " cluster mode can (--log kafka://... --store postgresql://...): the embedded store is loaded by the"
              + " process that serves it");
        }
        b.keys = b.own(KeyStore.watch(config.dataDir()));
      }
      b.adminToken = b.keys.startKeys(config.writeKey(), config.adminToken(), b.notices);
      String hashKey = config.privacy().hashKey().or(b.keys::hashKey).orElseGet(() -> {
        String made = Secrets.random("hk_", 32);
        b.keys.hashKey(made);
        return made;
      });
      ContentPolicies content = new ContentPolicies(config.privacy(), hashKey);
      b.metrics = new Metrics();
      b.json = new ObjectMapper();
      b.store = b.own(opener.store(config));
      if (b.store instanceof DuckDbStore duck) {
        b.metrics.describe("parley_dedupe_filter_bytes", "Heap held by the filter of stored messageIds (dedupe).");
        b.metrics.gauge("parley_dedupe_filter_bytes", duck::dedupeFilterBytes);
      }
      b.suppressions = new Suppressions();
      try {
        new SuppressionReader(b.store.readConnections()).all().forEach(s -> b.suppressions.addAll(List.of(s.id())));
      } catch (SQLException e) {
        throw new StoreException("cannot read the suppression list: " + e.getMessage(), e);
      }
      if (b.shared != null) {
        b.shared.followSuppressions(b.suppressions::addAll); // erasures made through any collector
      }
      b.ingestLog = b.own(opener.log(config, b.store.logPosition(), b.metrics));
      b.loader = b.own(new Loader(b.ingestLog, b.store, b.metrics, b.suppressions, Clock.systemUTC(), READY_LAG)
          .start());
      EventSink sink = b.ingestLog;
      if (config.log().isPresent()) {
        b.remoteLog = b.own(RemoteLog.open(config.log().get(), Collector.class.getClassLoader()));
        sink = b.remoteLog;
        log.info("accepted events go to {}; they are loaded by {}", config.log().get(),
            b.shared != null && config.roles().contains(Role.LOAD) ? "the loaders' group, this process among them"
                : "parley load (or a parley serve with the load role), not by this process");
      }
      b.ingestor = new Ingestor(b.json, b.keys, config.validation(), sink, b.metrics, Clock.systemUTC(),
          new RateLimiter(config.rateLimit(), opener.nanoTime()), content, b.suppressions);
      if (config.topics() && b.shared == null && b.store instanceof DuckDbStore duck) {
        b.topics = b.own(new TopicWorker(new TopicStore(duck.readConnections()), duck::writeDerived,
            MiniLmEmbedder.shared(), b.metrics, Clock.systemUTC(), TopicWorker.Settings.defaults()).start());
      } else if (config.topics() && b.shared != null && config.roles().contains(Role.READ)) {
        // one worker per server that serves the topics; the one holding the cluster's lease works
        RemoteStore.Opened shared = b.shared;
        shared.topics().ifPresent(t -> b.topics = b.own(new TopicWorker(new TopicStore(shared.reads(),
            shared.dialect()), t.writer(), t.lease(), MiniLmEmbedder.shared(), b.metrics, Clock.systemUTC(),
            TopicWorker.Settings.defaults(), TopicWorker.machineLoad()).start()));
      }
      RetentionSchedule.Target swept = b.shared != null ? RetentionSchedule.shared(b.shared)
          : RetentionSchedule.embedded(b.loader);
      b.retention = config.privacy().retention()
          .map(keep -> b.own(RetentionSchedule.start(swept, keep, RETENTION_EVERY, Clock.systemUTC())));
      return new Collector(b);
    } catch (IOException | RuntimeException e) {
      closeAll(b.opened, e);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot open the ingest log in " + config.dataDir() + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Erases a user: every event of theirs and of the ids linked to them (transitively) is deleted,
   * the store is compacted so the text is gone from its files, and all those ids are
   * suppressed (later events are acknowledged and discarded). The userId is suppressed at
   * once. Events of theirs still in the ingest log are never loaded, and the log's files that
   * held them are removed before the future completes; when one cannot be, the erasure fails
   * (the user stays suppressed) and a retry removes it.
   */
  public CompletableFuture<Erasure> erase(String userId) {
    if (remote) {
      return eraseShared(userId);
    }
    CompletableFuture<Long> rolled = suppressAndRoll(List.of(userId));
    return loader.maintain(s -> {
      loader.loadThrough(rolled.join());
      Erasure erasure = s.erase(userId, Clock.systemUTC().instant());
      if (!erasure.linkedIds().isEmpty()) {
        loader.loadThrough(suppressAndRoll(erasure.linkedIds()).join());
      }
      loader.removeLoaded(); // fails the erasure while a segment holding their events stays; a retry removes it
      log.info("erased a user: {} events, {} violations, {} linked ids", erasure.events(), erasure.violations(),
          erasure.linkedIds().size());
      return erasure;
    }).whenComplete((erasure, failure) -> {
      if (failure != null) {
        log.warn("erasure failed (the user stays suppressed; a retry finishes it)",
            failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
      }
    });
  }

  /**
   * Erasure in cluster mode: the user is suppressed here at once, then erased in the shared store
   * (which makes every load drop their events still in Kafka, and every collector suppress them
   * within a second); the answer says when Kafka's last copy expires.
   */
  private CompletableFuture<Erasure> eraseShared(String userId) {
    if (shared == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("erasure in cluster mode needs the"
          + " shared store: give the collector --store postgresql://... as well as --log"));
    }
    CompletableFuture<Erasure> done = new CompletableFuture<>();
    Thread eraser = new Thread(() -> {
      try {
        suppressions.addAll(List.of(userId));
        Instant at = Clock.systemUTC().instant();
        Erasure erasure = shared.erase(userId, at);
        suppressions.addAll(erasure.linkedIds());
        log.info("erased a user in the shared store: {} events, {} violations, {} linked ids", erasure.events(),
            erasure.violations(), erasure.linkedIds().size());
        done.complete(remoteLog.retention().map(keep -> erasure.withLogCopiesUntil(at.plus(keep))).orElse(erasure));
      } catch (RuntimeException e) {
        log.warn("erasure failed (the user stays suppressed on this collector; a retry finishes it)", e);
        done.completeExceptionally(e);
      }
    }, "parley-erasure");
    eraser.setDaemon(true);
    eraser.start();
    return done;
  }

  /** Suppresses ids and closes the log's segment after every request admitted before them. */
  private CompletableFuture<Long> suppressAndRoll(Collection<String> ids) {
    return suppressions.suppressThen(ids, ingestLog::roll);
  }

  /** Stops scheduled maintenance (retention); the rest stays open. */
  public void stopMaintenance() {
    retention.ifPresent(RetentionSchedule::close);
  }

  public KeyStore keys() {
    return keys;
  }

  public EventStore store() {
    return store;
  }

  /**
   * Where reads (the read API, the analytics, the dashboard) go: the shared store in cluster
   * mode (given {@code --store}), else this process's own.
   */
  public ReadConnections reads() {
    return shared != null ? shared.reads() : store.readConnections();
  }

  /** The SQL dialect of {@link #reads}. */
  public Dialect readDialect() {
    return shared != null ? shared.dialect() : Dialect.DUCKDB;
  }

  public IngestLog ingestLog() {
    return ingestLog;
  }

  /** The topic worker, when this collector finds topics (the embedded store, {@code --topics on}). */
  public Optional<TopicWorker> topics() {
    return Optional.ofNullable(topics);
  }

  public Loader loader() {
    return loader;
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

  /**
   * Closes in the reverse order of opening: retention stops, the log stops taking events (what
   * it acknowledged is durable), the loader loads what the log holds, and the store closes.
   */
  @Override
  public void close() {
    closeAll(opened, null);
  }

  private static void closeAll(Deque<AutoCloseable> opened, Exception failure) {
    RuntimeException first = null;
    AutoCloseable resource;
    while ((resource = opened.poll()) != null) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else if (first == null) {
          first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
