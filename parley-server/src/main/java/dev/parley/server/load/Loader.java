package dev.parley.server.load;

import dev.parley.server.ingest.SinkUnavailableException;
import dev.parley.server.ingest.Submission;
import dev.parley.server.log.IngestLog;
import dev.parley.server.log.LogRecord;
import dev.parley.server.log.SubmissionCodec;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.Suppressions;
import dev.parley.server.store.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the store: moves the ingest log into it behind ingest. It reads the log
 * from the store's position, loads what it read in one transaction together with the new
 * position ({@link EventStore#load}), so that each record is loaded exactly once across
 * crashes, then trims the log of what the store now holds.
 *
 * <p>Between loads it folds stored events into the conversation facts (whenever it is idle,
 * and under load once {@link #FOLD_AFTER} events wait, at most {@link #FOLD_SLICE} at a time),
 * and runs maintenance (erasure, retention) alone with the store. Thread-safe; the loader
 * thread owns the store's write connection.
 */
public final class Loader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Loader.class);
  private static final double[] SIZE_BOUNDS = {1, 10, 100, 1_000, 10_000, 100_000};
  private static final double[] LATENCY_BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
  /** Payload bytes read from the log for one load. */
  static final int LOAD_BYTES = 8 << 20;
  /** Under load, the conversation facts are folded once this many events wait; when idle, whatever waits. */
  public static final long FOLD_AFTER = 50_000;
  /** The most events one fold takes, so that a fold (tens of ms) never holds the loader long. */
  public static final int FOLD_SLICE = 500_000;
  private static final Duration IDLE_WAIT = Duration.ofMillis(50);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

  private final IngestLog ingestLog;
  private final EventStore store;
  private final Metrics metrics;
  private final Suppressions suppressions;
  private final Clock clock;
  private final Duration readyLag;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Object loaded = new Object();
  private final Thread thread;
  private volatile long position;
  private volatile long oldestUnloadedMillis;
  private volatile boolean healthy = true;
  private volatile boolean closing;
  private boolean foldFailing;

  /**
   * A loader of {@code ingestLog} into {@code store}. At load it drops the events of
   * suppressed (erased) users, which ingest checked too but may have logged just before an
   * erasure.
   *
   * @param readyLag how far behind the log the loader may be before {@link #ready()} says no
   */
  public Loader(IngestLog ingestLog, EventStore store, Metrics metrics, Suppressions suppressions, Clock clock,
      Duration readyLag) {
    this.ingestLog = ingestLog;
    this.store = store;
    this.metrics = metrics;
    this.suppressions = suppressions;
    this.clock = clock;
    this.readyLag = readyLag;
    this.position = store.logPosition();
    this.thread = new Thread(this::run, "parley-loader");
    metrics.describe("parley_load_events", "Events stored per load (one transaction).");
    metrics.describe("parley_load_seconds", "Time to load one batch of the ingest log into the store.");
    metrics.describe("parley_events_duplicate_total", "Messages acknowledged but not stored again (dedupe).");
    metrics.describe("parley_loader_lag_bytes", "Bytes of the ingest log not loaded into the store yet.");
    metrics.gauge("parley_loader_lag_bytes", this::lagBytes);
    metrics.describe("parley_loader_lag_seconds", "Age of the oldest record of the ingest log not loaded yet.");
    metrics.gauge("parley_loader_lag_seconds", () -> lag().toSeconds());
    metrics.describe("parley_fold_seconds", "Time to fold stored events into the conversation facts.");
    metrics.describe("parley_unfolded_events", "Events stored but not folded into the conversation facts yet.");
    metrics.gauge("parley_unfolded_events", store::unfolded);
  }

  /** Starts the loader thread. */
  public Loader start() {
    thread.start();
    return this;
  }

  /**
   * Runs {@code work} on the loader thread, between two loads, with the store to itself. The
   * future fails with {@link SinkUnavailableException} when the loader is closing.
   */
  public <T> CompletableFuture<T> maintain(Function<EventStore, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closing) {
      result.completeExceptionally(new SinkUnavailableException("the collector is shutting down", 5, null));
      return result;
    }
    tasks.add(() -> {
      try {
        result.complete(work.apply(store));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /**
   * Loads the log up to {@code target} now. For maintenance running on the loader thread
   * ({@link #maintain}), such as an erasure that must see everything logged before it.
   *
   * @throws IllegalStateException when called from another thread
   */
  public void loadThrough(long target) {
    if (Thread.currentThread() != thread) {
      throw new IllegalStateException("loadThrough runs on the loader thread only");
    }
    while (position < target) {
      if (!loadOnce()) {
        throw new SinkUnavailableException("the store cannot load the ingest log now", 5, null);
      }
    }
  }

  /**
   * Closes the log's current segment, loads everything up to it and removes every segment the
   * store now holds, so no file of the log keeps what was appended before (loader thread:
   * retention calls it before deleting).
   */
  public void flushLog() {
    loadThrough(ingestLog.roll().join());
    trimLog();
  }

  /**
   * Removes from the log what the store holds (loader thread); a segment that cannot be removed
   * is logged and tried again at the next trim.
   */
  public void trimLog() {
    try {
      ingestLog.trim(position);
    } catch (IOException e) {
      log.warn("cannot remove loaded segments of the ingest log: {}", e.toString());
    }
  }

  /**
   * Removes from the log what the store holds, or fails (loader thread): for erasure, which may
   * not answer while a file of the log still holds what it removed.
   *
   * @throws UncheckedIOException when a loaded segment could not be removed; the next trim, or
   *     the caller's retry, tries it again
   */
  public void removeLoaded() {
    try {
      ingestLog.trim(position);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove loaded segments of the ingest log: " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the store holds everything the log held when this was called: reads see every
   * event acknowledged before. For tests, import and export.
   *
   * @return whether it was reached within the timeout
   */
  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    long target = ingestLog.end();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (loaded) {
      while (position < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        loaded.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  /** The log position the store has loaded through. */
  public long position() {
    return position;
  }

  /** Bytes of the log not loaded yet. */
  public long lagBytes() {
    return Math.max(0, ingestLog.end() - position);
  }

  /** How old the oldest unloaded record is; zero when the store is caught up. */
  public Duration lag() {
    if (position >= ingestLog.end()) {
      return Duration.ZERO;
    }
    long oldest = oldestUnloadedMillis;
    return oldest == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - oldest));
  }

  /** True while the last load succeeded and the loader is within {@code readyLag} of the log. */
  public boolean ready() {
    return healthy && !closing && thread.isAlive() && lag().compareTo(readyLag) <= 0;
  }

  private void run() {
    try {
      while (true) {
        Runnable task = tasks.poll();
        if (task != null) {
          task.run();
          continue;
        }
        if (position < ingestLog.end()) {
          if (loadOnce()) {
            trimLog();
            fold(FOLD_AFTER);
          } else if (closing) {
            log.warn("stopping with the store behind the ingest log (position {}); the rest loads at the next start",
                position);
            return;
          } else {
            Thread.sleep(RETRY_PAUSE.toMillis());
          }
          continue;
        }
        fold(1);
        if (closing && tasks.isEmpty() && position >= ingestLog.end()) {
          return;
        }
        ingestLog.awaitEnd(position, IDLE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("loader interrupted at log position {}; the rest loads at the next start", position);
    } finally {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run(); // maintenance asked for before the close still runs
      }
    }
  }

  /** Loads one batch of records; false when the store or the log failed (logged, retried later). */
  private boolean loadOnce() {
    long start = System.nanoTime();
    List<LogRecord> records;
    try {
      records = ingestLog.read(position, LOAD_BYTES);
    } catch (IOException e) {
      unhealthy("cannot read the ingest log at position " + position, e);
      return false;
    }
    if (records.isEmpty()) {
      return true;
    }
    oldestUnloadedMillis = records.get(0).appendedAtMillis();
    List<Submission> submissions = new ArrayList<>(records.size());
    for (LogRecord record : records) {
      submissions.add(withoutSuppressed(SubmissionCodec.decode(record.payload())));
    }
    long next = records.get(records.size() - 1).next();
    try {
      EventStore.CommitResult result = store.load(submissions, next);
      metrics.observe("parley_load_seconds", LATENCY_BOUNDS, (System.nanoTime() - start) / 1e9);
      metrics.observe("parley_load_events", SIZE_BOUNDS, result.stored());
      metrics.count("parley_events_duplicate_total", "", result.duplicates());
    } catch (RuntimeException e) {
      unhealthy("loading the ingest log at position " + position + " failed", e);
      return false;
    }
    if (!healthy) {
      log.info("the loader loads again from log position {}", position);
      healthy = true;
    }
    synchronized (loaded) {
      position = next;
      loaded.notifyAll();
    }
    return true;
  }

  private void unhealthy(String what, Exception e) {
    if (healthy) {
      log.error("{}; nothing is lost (the log keeps it), retrying", what, e);
    }
    healthy = false;
  }

  /**
   * Folds a slice of the stored events into the conversation facts when at least
   * {@code waiting} are unfolded. A failure costs readers time, not answers: it is logged and
   * the next fold tries again.
   */
  private void fold(long waiting) {
    if (store.unfolded() < waiting) {
      return;
    }
    long start = System.nanoTime();
    try {
      store.fold(FOLD_SLICE);
      metrics.observe("parley_fold_seconds", LATENCY_BOUNDS, (System.nanoTime() - start) / 1e9);
      foldFailing = false;
    } catch (RuntimeException e) {
      if (!foldFailing) {
        log.warn("folding the conversation facts failed (summaries stay correct, only slower); will retry", e);
      }
      foldFailing = true;
    }
  }

  private Submission withoutSuppressed(Submission submission) {
    if (suppressions.size() == 0) {
      return submission;
    }
    return new Submission(submission.events().stream()
        .filter(e -> !suppressions.suppressed(e.userId(), e.anonymousId(), e.previousId())).toList(),
        submission.refused().stream().filter(r -> !suppressions.suppressed(r.userId(), r.anonymousId())).toList());
  }

  /**
   * Loads everything the log holds, runs the maintenance already asked for, and stops. The
   * log should be closed first, so that nothing is appended meanwhile.
   */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
