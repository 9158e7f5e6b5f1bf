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
 * {@code every}, through the loader (which owns the write connection). Close it to stop the schedule.
 */
public final class RetentionSchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
  /** Events deleted per transaction. */
  static final int SLICE = 50_000;

  private final Loader loader;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  private RetentionSchedule(Loader loader, Duration retention, Clock clock) {
    this.loader = loader;
    this.retention = retention;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-retention");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the schedule: a first sweep now, then one every {@code every}. */
  public static RetentionSchedule start(Loader loader, Duration retention, Duration every, Clock clock) {
    RetentionSchedule schedule = new RetentionSchedule(loader, retention, clock);
    schedule.timer.scheduleWithFixedDelay(() -> schedule.sweep().join(), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return schedule;
  }

  /**
   * Deletes what was received longer ago than the retention period, {@link #SLICE} events per
   * turn of the loader (it loads between two slices), then rewrites the store when it owes a
   * rewrite. Completes with the number of events deleted.
   */
  public CompletableFuture<Long> sweep() {
    Instant cutoff = clock.instant().minus(retention);
    return loader.maintain(store -> {
      loader.flushLog(); // the log's copies of old events go too
      return store.deleteBefore(cutoff, SLICE);
    }).thenCompose(first -> slices(cutoff, first, first))
        .whenComplete((deleted, failure) -> {
          if (failure != null) {
            log.warn("retention sweep failed", failure);
          } else if (deleted > 0) {
            log.info("retention: deleted {} events older than {}", deleted, retention);
          }
        })
        .exceptionally(failure -> 0L);
  }

  /** The slices after one that deleted {@code last}, then the compaction check; completes with the total. */
  private CompletableFuture<Long> slices(Instant cutoff, long last, long total) {
    if (last < SLICE) {
      return loader.maintain(store -> {
        store.compactIfSparse();
        return total;
      });
    }
    return loader.maintain(store -> store.deleteBefore(cutoff, SLICE))
        .thenCompose(deleted -> slices(cutoff, deleted, total + deleted));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
