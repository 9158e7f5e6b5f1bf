package dev.parley.server.store;

import dev.parley.server.ingest.EventSink;
import dev.parley.server.ingest.SinkUnavailableException;
import dev.parley.server.ingest.Submission;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.Suppressions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the store. Requests queue their submissions; the writer thread takes the
 * first, waits a short window for more, commits them all in one transaction, then completes
 * every request's future, so each is answered only after its events are durable.
 *
 * <p>Between commits the writer also folds stored events into the conversation facts
 * ({@link ConversationFacts}): whenever it is idle, and under load once {@link #FOLD_AFTER}
 * events wait, at most {@link #FOLD_SLICE} at a time.
 *
 * <p>The queue is bounded by the number of queued rows: a submission that does not fit fails
 * at once with {@link SinkUnavailableException} (answered 503 with Retry-After) instead of
 * growing the heap. Thread-safe; the writer thread owns the store's write connection.
 */
public final class GroupCommitWriter implements EventSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final int MAX_GROUP_ROWS = 20_000;
  private static final double[] SIZE_BOUNDS = {1, 10, 100, 1_000, 10_000, 100_000};
  private static final double[] LATENCY_BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
  /** Under load, the conversation facts are folded once this many events wait; when idle, whatever waits. */
  static final long FOLD_AFTER = 50_000;
  /** The most events one fold takes, so that a fold (tens of ms) never holds the writer long. */
  static final int FOLD_SLICE = 500_000;

  /** A submission to commit, or (when {@code task} is set) maintenance to run alone on the writer thread. */
  private record Pending(Submission submission, CompletableFuture<Void> done, Runnable task) {}

  private final EventStore store;
  private final long windowNanos;
  private final int capacity;
  private final Semaphore room;
  private final Metrics metrics;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Object admission = new Object();
  private final Thread thread;
  private final Suppressions suppressions;
  private Pending carried;
  private boolean closing;
  private volatile boolean healthy = true;
  private boolean foldFailing;

  public GroupCommitWriter(EventStore store, Duration window, int maxQueuedRows, Metrics metrics) {
    this(store, window, maxQueuedRows, metrics, new Suppressions());
  }

  /**
   * A writer that, at commit, also drops the events of suppressed users: ingest checks the
   * list too, but a request checked just before an erasure may reach the writer after it.
   */
  public GroupCommitWriter(EventStore store, Duration window, int maxQueuedRows, Metrics metrics,
      Suppressions suppressions) {
    this.suppressions = suppressions;
    this.store = store;
    this.windowNanos = window.toNanos();
    this.capacity = maxQueuedRows;
    this.room = new Semaphore(maxQueuedRows);
    this.metrics = metrics;
    metrics.describe("parley_commit_events", "Events stored per commit (group commit size).");
    metrics.describe("parley_commit_seconds", "Time to commit one group.");
    metrics.describe("parley_writer_queue_rows", "Rows waiting for the writer.");
    metrics.describe("parley_events_duplicate_total", "Messages acknowledged but not stored again (dedupe).");
    metrics.gauge("parley_writer_queue_rows", () -> capacity - room.availablePermits());
    metrics.describe("parley_fold_seconds", "Time to fold stored events into the conversation facts.");
    metrics.describe("parley_unfolded_events", "Events stored but not folded into the conversation facts yet.");
    metrics.gauge("parley_unfolded_events", store::unfolded);
    this.thread = new Thread(this::run, "parley-writer");
  }

  /** Starts the writer thread. */
  public GroupCommitWriter start() {
    thread.start();
    return this;
  }

  @Override
  public CompletableFuture<Void> submit(Submission submission) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (admission) {
      if (closing) {
        done.completeExceptionally(new SinkUnavailableException("the collector is shutting down", 5, null));
        return done;
      }
      if (!room.tryAcquire(submission.weight())) {
        metrics.count("parley_writer_queue_full_total", "", 1);
        done.completeExceptionally(new SinkUnavailableException("the writer's queue is full", 1, null));
        return done;
      }
      queue.add(new Pending(submission, done, null));
    }
    return done;
  }

  /**
   * Runs {@code work} on the writer thread, between two commits, with the store to itself:
   * deletes must go through the thread that owns the write connection. The future fails with
   * {@link SinkUnavailableException} when the writer is closing.
   */
  public <T> CompletableFuture<T> maintain(Function<EventStore, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable task = () -> {
      try {
        result.complete(work.apply(store));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    };
    CompletableFuture<Void> failed = new CompletableFuture<>();
    failed.whenComplete((ignored, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      }
    });
    synchronized (admission) {
      if (closing) {
        result.completeExceptionally(new SinkUnavailableException("the collector is shutting down", 5, null));
        return result;
      }
      queue.add(new Pending(null, failed, task));
    }
    return result;
  }

  /** True while the last commit succeeded and the writer takes submissions. */
  public boolean ready() {
    synchronized (admission) {
      return healthy && !closing && thread.isAlive();
    }
  }

  private void run() {
    try {
      while (true) {
        Pending first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
        carried = null;
        if (first != null && first.task() != null) {
          first.task().run();
          continue;
        }
        if (first == null) {
          fold(1);
          synchronized (admission) {
            if (closing && queue.isEmpty()) {
              return;
            }
          }
          continue;
        }
        commit(gather(first));
        fold(FOLD_AFTER);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("writer interrupted; failing what is queued");
      failAll(new SinkUnavailableException("the writer stopped", 5, e));
    }
  }

  /**
   * Takes what arrives within the commit window. An interrupt ends the window early: what was
   * taken is still committed, and the run loop then fails what is left in the queue.
   */
  private List<Pending> gather(Pending first) {
    List<Pending> group = new ArrayList<>();
    group.add(first);
    int rows = first.submission().weight();
    long deadline = System.nanoTime() + windowNanos;
    while (rows < MAX_GROUP_ROWS) {
      long left = deadline - System.nanoTime();
      Pending next;
      try {
        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (next == null) {
        break;
      }
      if (next.task() != null) {
        carried = next; // maintenance runs after this group, alone
        break;
      }
      group.add(next);
      rows += next.submission().weight();
    }
    return group;
  }

  private void commit(List<Pending> group) {
    List<Submission> submissions = new ArrayList<>(group.size());
    group.forEach(p -> submissions.add(withoutSuppressed(p.submission())));
    long start = System.nanoTime();
    try {
      EventStore.CommitResult result = store.commit(submissions);
      healthy = true;
      metrics.observe("parley_commit_seconds", LATENCY_BOUNDS, (System.nanoTime() - start) / 1e9);
      metrics.observe("parley_commit_events", SIZE_BOUNDS, result.stored());
      metrics.count("parley_events_duplicate_total", "", result.duplicates());
      group.forEach(p -> finish(p, null));
    } catch (RuntimeException e) {
      if (group.size() > 1) {
        // One bad submission must not fail the others: commit them one by one.
        group.forEach(p -> commit(List.of(p)));
        return;
      }
      healthy = false;
      log.error("commit of {} rows failed", group.get(0).submission().weight(), e);
      finish(group.get(0), new SinkUnavailableException("commit failed", 2, e));
    }
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
        .filter(e -> !suppressions.suppressed(e.userId(), e.anonymousId())).toList(),
        submission.refused().stream().filter(r -> !suppressions.suppressed(r.userId(), r.anonymousId())).toList());
  }

  private void finish(Pending pending, Throwable failure) {
    if (pending.task() == null) {
      room.release(pending.submission().weight());
    }
    if (failure == null) {
      pending.done().complete(null);
    } else {
      pending.done().completeExceptionally(failure);
    }
  }

  private void failAll(Throwable failure) {
    if (carried != null) {
      finish(carried, failure);
      carried = null;
    }
    Pending pending;
    while ((pending = queue.poll()) != null) {
      finish(pending, failure);
    }
  }

  /**
   * Stops taking submissions and commits everything already queued. The store stays open
   * (its owner closes it).
   */
  @Override
  public void close() {
    synchronized (admission) {
      if (closing) {
        return;
      }
      closing = true;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll(new SinkUnavailableException("the collector is shutting down", 5, null));
  }
}
