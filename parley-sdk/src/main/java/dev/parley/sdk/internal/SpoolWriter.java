package dev.parley.sdk.internal;

import dev.parley.sdk.Failure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread that writes messages overflowing the in-memory queue to the {@link Spool},
 * so that callers hand them over without touching the disk. It drains what has piled up,
 * waits up to {@code gather} for a file's worth ({@code batchSize} messages) unless a
 * {@link #sync()} or stop is waiting, and writes it with one forced write per file (group
 * commit). Without the wait a steady trickle during an outage made one file per message,
 * and replay, which sends one file at a time, then delivered one message per request.
 *
 * <p>The wait is a timer on the {@link TimeSource} that posts {@link Request.WindowOver}.
 * At most {@code capacity} messages wait to be taken; {@link #offer} refuses more.
 */
final class SpoolWriter implements Runnable {
  /** What the writer's queue carries. */
  sealed interface Request {
    /** Whether this request ends the gathering window {@code window}. */
    boolean endsWindow(long window);

    /** A message to write. */
    record Write(EncodedMessage message) implements Request {
      @Override
      public boolean endsWindow(long window) {
        return false;
      }
    }

    /** Completes {@code done} once everything handed over before it is written. */
    record Sync(CompletableFuture<Void> done) implements Request {
      @Override
      public boolean endsWindow(long window) {
        return true;
      }
    }

    /** Write what is held, then end the thread. */
    record Stop() implements Request {
      @Override
      public boolean endsWindow(long window) {
        return true;
      }
    }

    /** The gathering window {@code number} is over (a late one, for a window already closed, is ignored). */
    record WindowOver(long number) implements Request {
      @Override
      public boolean endsWindow(long window) {
        return number == window;
      }
    }
  }

  private final Spool spool;
  private final Reporter reporter;
  private final TimeSource time;
  private final BlockingQueue<Request> pending = new LinkedBlockingQueue<>();
  private final AtomicInteger waitingMessages = new AtomicInteger();
  private final int capacity;
  private final int batchSize;
  private final long gatherNanos;
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private long window;
  private volatile boolean stopped;

  SpoolWriter(Spool spool, Reporter reporter, TimeSource time, int capacity, int batchSize, Duration gather) {
    this.spool = spool;
    this.reporter = reporter;
    this.time = time;
    this.capacity = capacity;
    this.batchSize = batchSize;
    this.gatherNanos = gather.toNanos();
  }

  /** Hands a message over; false when the writer is too far behind. Never blocks. */
  boolean offer(EncodedMessage message) {
    if (waitingMessages.incrementAndGet() > capacity) {
      waitingMessages.decrementAndGet();
      return false;
    }
    pending.add(new Request.Write(message));
    return true;
  }

  /** Completes once everything handed over before it is on disk (or reported lost). */
  CompletableFuture<Void> sync() {
    if (stopped) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.add(new Request.Sync(done));
    return done;
  }

  /** Asks the thread to stop after writing what it holds. */
  void stop() {
    stopped = true;
    pending.add(new Request.Stop());
  }

  /** Completes when the thread has ended. */
  CompletableFuture<Void> finished() {
    return finished;
  }

  @Override
  public void run() {
    try {
      List<Request> drained = new ArrayList<>();
      boolean stop = false;
      while (!stop) {
        try {
          takeMore(drained);
        } catch (InterruptedException e) {
          return;
        }
        try {
          gather(drained);
        } catch (InterruptedException e) {
          // Write what was taken first; the next take ends the thread.
          Thread.currentThread().interrupt();
        }
        List<EncodedMessage> messages = new ArrayList<>();
        for (Request request : drained) {
          if (request instanceof Request.Write write) {
            messages.add(write.message());
          }
          stop |= request instanceof Request.Stop;
        }
        write(messages);
        for (Request request : drained) {
          if (request instanceof Request.Sync sync) {
            sync.done().complete(null);
          }
        }
        drained.clear();
      }
    } finally {
      finished.complete(null);
    }
  }

  /** Waits for more messages until a file's worth, a sync or stop request, or the end of the window. */
  private void gather(List<Request> drained) throws InterruptedException {
    long number = ++window;
    if (!gathering(drained, number)) {
      return;
    }
    TimeSource.Cancellable timer = time.schedule(() -> pending.add(new Request.WindowOver(number)), gatherNanos);
    try {
      while (gathering(drained, number)) {
        takeMore(drained);
      }
    } finally {
      timer.cancel();
    }
  }

  private boolean gathering(List<Request> drained, long number) {
    int messages = 0;
    for (Request request : drained) {
      if (request.endsWindow(number)) {
        return false;
      }
      if (request instanceof Request.Write) {
        messages++;
      }
    }
    return messages < batchSize;
  }

  /** Waits for at least one request, then takes every one that is there. */
  private void takeMore(List<Request> drained) throws InterruptedException {
    int from = drained.size();
    drained.add(pending.take());
    pending.drainTo(drained);
    int taken = 0;
    for (int i = from; i < drained.size(); i++) {
      if (drained.get(i) instanceof Request.Write) {
        taken++;
      }
    }
    waitingMessages.addAndGet(-taken);
  }

  private void write(List<EncodedMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    try {
      spool.write(messages);
    } catch (IOException e) {
      Failure failure = new Failure(Failure.Reason.QUEUE_FULL, OptionalInt.empty(),
          "the queue was full and the spool could not be written: " + e);
      messages.forEach(m -> reporter.dropped(m, failure));
    }
  }
}
