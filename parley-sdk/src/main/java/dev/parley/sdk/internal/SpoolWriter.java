package dev.parley.sdk.internal;

import dev.parley.sdk.Failure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The thread that writes messages overflowing the in-memory queue to the {@link Spool},
 * so that callers hand them over without touching the disk. It drains what has piled up,
 * waits up to {@code gather} for a file's worth ({@code batchSize} messages) unless a
 * {@link #sync()} or stop is waiting, and writes it with one forced write per file (group
 * commit). Without the wait a steady trickle during an outage made one file per message,
 * and replay, which sends one file at a time, then delivered one message per request.
 */
final class SpoolWriter implements Runnable {
  private static final Object STOP = new Object();

  private final Spool spool;
  private final Reporter reporter;
  private final BlockingQueue<Object> pending;
  private final int batchSize;
  private final long gatherNanos;
  private volatile boolean stopped;

  SpoolWriter(Spool spool, Reporter reporter, int capacity, int batchSize, Duration gather) {
    this.spool = spool;
    this.reporter = reporter;
    this.pending = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.gatherNanos = gather.toNanos();
  }

  /** Hands a message over; false when the writer is too far behind. Never blocks. */
  boolean offer(EncodedMessage message) {
    return pending.offer(message);
  }

  /** Completes once everything handed over before it is on disk (or reported lost). */
  CompletableFuture<Void> sync() {
    if (stopped) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> marker = new CompletableFuture<>();
    putUninterruptibly(marker);
    return marker;
  }

  /** Asks the thread to stop after writing what it holds. */
  void stop() {
    stopped = true;
    putUninterruptibly(STOP);
  }

  @Override
  public void run() {
    List<Object> drained = new ArrayList<>();
    while (true) {
      try {
        drained.add(pending.take());
      } catch (InterruptedException e) {
        return;
      }
      pending.drainTo(drained);
      try {
        gather(drained);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<EncodedMessage> messages = new ArrayList<>();
      boolean stop = false;
      for (Object item : drained) {
        if (item instanceof EncodedMessage message) {
          messages.add(message);
        }
        stop |= item == STOP;
      }
      write(messages);
      for (Object item : drained) {
        if (item instanceof CompletableFuture<?> marker) {
          marker.complete(null);
        }
      }
      drained.clear();
      if (stop) {
        return;
      }
    }
  }

  /** Waits for more messages until a file's worth, a sync or stop request, or the end of the window. */
  private void gather(List<Object> drained) throws InterruptedException {
    long deadline = System.nanoTime() + gatherNanos;
    while (drained.size() < batchSize && drained.stream().allMatch(EncodedMessage.class::isInstance)) {
      long left = deadline - System.nanoTime();
      Object next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return;
      }
      drained.add(next);
      pending.drainTo(drained);
    }
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

  private void putUninterruptibly(Object item) {
    boolean interrupted = false;
    while (true) {
      try {
        pending.put(item);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
