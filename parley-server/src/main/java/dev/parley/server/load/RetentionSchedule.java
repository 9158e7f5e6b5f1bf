package dev.parley.server.load;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes events received longer ago than the retention period, at start and then every
 * {@code every}, in slices of at most {@link #SLICE} events: through the loader (which owns the
 * embedded store's write connection, and loads between two slices), or in cluster mode in the
 * shared store. Close it to stop the schedule.
 */
public final class RetentionSchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
  /** Events deleted per transaction. */
  static final int SLICE = 50_000;

  /** Where the slices are deleted. */
  public interface Target {
    /**
     * Deletes up to {@code max} events received before {@code cutoff}; {@code first} is the
     * first slice of a sweep. Completes with how many were deleted.
     */
    CompletableFuture<Long> deleteSlice(Instant cutoff, int max, boolean first);

    /** Runs after the last slice of a sweep (the embedded store compacts when sparse). */
    CompletableFuture<Void> afterSweep();
  }

  private final Target target;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  private RetentionSchedule(Target target, Duration retention, Clock clock) {
    this.target = target;
    this.retention = retention;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-retention");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the schedule on the embedded store behind {@code loader}: a first sweep now, then one every {@code every}. */
  public static RetentionSchedule start(Loader loader, Duration retention, Duration every, Clock clock) {
    return start(embedded(loader), retention, every, clock);
  }

  /** Starts the schedule on {@code target}: a first sweep now, then one every {@code every}. */
  public static RetentionSchedule start(Target target, Duration retention, Duration every, Clock clock) {
    RetentionSchedule schedule = new RetentionSchedule(target, retention, clock);
    schedule.timer.scheduleWithFixedDelay(() -> schedule.sweep().join(), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return schedule;
  }

  /**
   * The embedded store behind {@code loader}: each slice is one turn of the loader; the first
   * also loads what the log holds (its copies of old events go too); after the last, the store
   * is rewritten when it owes a rewrite.
   */
  public static Target embedded(Loader loader) {
    return new Target() {
      @Override
      public CompletableFuture<Long> deleteSlice(Instant cutoff, int max, boolean first) {
        return loader.maintain(store -> {
          if (first) {
            loader.flushLog();
          }
          return store.deleteBefore(cutoff, max);
        });
      }

      @Override
      public CompletableFuture<Void> afterSweep() {
        return loader.maintain(store -> {
          store.compactIfSparse();
          return null;
        });
      }
    };
  }

  /**
   * A shared store (cluster mode): each slice is one transaction of its own, on the schedule's
   * thread. The ingest log is Kafka's, which drops records by the topic's retention.
   */
  public static Target shared(dev.parley.server.store.RemoteStore.Opened store) {
    return new Target() {
      @Override
      public CompletableFuture<Long> deleteSlice(Instant cutoff, int max, boolean first) {
        return CompletableFuture.supplyAsync(() -> store.deleteBefore(cutoff, max), Runnable::run);
      }

      @Override
      public CompletableFuture<Void> afterSweep() {
        return CompletableFuture.completedFuture(null);
      }
    };
  }

  /**
   * Deletes what was received longer ago than the retention period, {@link #SLICE} events per
   * slice, then runs the target's {@link Target#afterSweep}. Completes with the number of
   * events deleted; a failure is logged and completes with 0 (the next sweep tries again).
   */
  public CompletableFuture<Long> sweep() {
    Instant cutoff = clock.instant().minus(retention);
    return target.deleteSlice(cutoff, SLICE, true)
        .thenCompose(first -> slices(cutoff, first, first))
        .whenComplete((deleted, failure) -> {
          if (failure != null) {
            log.warn("retention sweep failed", failure);
          } else if (deleted > 0) {
            log.info("retention: deleted {} events older than {}", deleted, retention);
          }
        })
        .exceptionally(failure -> 0L);
  }

  /** The slices after one that deleted {@code last}, then the target's after-sweep; completes with the total. */
  private CompletableFuture<Long> slices(Instant cutoff, long last, long total) {
    if (last < SLICE) {
      return target.afterSweep().thenApply(done -> total);
    }
    return target.deleteSlice(cutoff, SLICE, false)
        .thenCompose(deleted -> slices(cutoff, deleted, total + deleted));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
