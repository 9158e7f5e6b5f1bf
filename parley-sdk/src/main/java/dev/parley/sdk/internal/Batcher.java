package dev.parley.sdk.internal;

import dev.parley.spec.SegmentLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that owns the batch being filled: it takes messages and commands from
 * the inbox, closes a batch when the next message would pass {@code flushAt} or the
 * request size limit, or when the batch is {@code flushInterval} old, and hands it to the
 * {@link Uploader}. It also resends the spool, one file at a time, oldest first: on
 * start, after a successful delivery, and every {@code flushInterval} while files wait.
 */
final class Batcher implements Runnable {
  private static final System.Logger LOG = System.getLogger("dev.parley.sdk");

  /** Asks for a flush; {@code done} completes when the flushed batches are settled. */
  record Flush(CompletableFuture<Void> done) {}

  /** A spool file's replay is over; {@code progressed} when all of it was settled. */
  record ReplayDone(boolean progressed) {}

  static final Object STOP = new Object();
  static final Object REPLAY = new Object();

  private final BlockingQueue<Object> inbox;
  private final Uploader uploader;
  private final Spool spool;
  private final int flushAt;
  private final long intervalNanos;
  private Batch current = new Batch(null);
  private long deadline;
  private boolean replaying;

  /** {@code spool} is null when no spool directory is configured. */
  Batcher(BlockingQueue<Object> inbox, Uploader uploader, Spool spool, Options options) {
    this.inbox = inbox;
    this.uploader = uploader;
    this.spool = spool;
    this.flushAt = options.flushAt();
    this.intervalNanos = options.flushInterval().toNanos();
  }

  @Override
  public void run() {
    replayNext();
    while (true) {
      Object item;
      try {
        long wait = current.isEmpty() ? intervalNanos : deadline - System.nanoTime();
        item = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
      } catch (InterruptedException e) {
        ship();
        return;
      }
      try {
        if (!handle(item)) {
          return;
        }
      } catch (RuntimeException e) {
        // Never let one bad step stop the thread every caller depends on.
        LOG.log(Level.ERROR, "batcher step failed; continuing", e);
      }
    }
  }

  /** Handles one inbox item, or a timeout when {@code item} is null; false after STOP. */
  private boolean handle(Object item) {
    if (item == null) {
      if (!current.isEmpty() && System.nanoTime() - deadline >= 0) {
        ship();
      }
      replayNext();
    } else if (item instanceof EncodedMessage message) {
      add(message);
    } else if (item instanceof Flush flush) {
      ship();
      uploader.outstanding(false).whenComplete((ignored, error) -> flush.done().complete(null));
    } else if (item instanceof ReplayDone done) {
      replaying = false;
      if (done.progressed()) {
        replayNext();
      }
    } else if (item == REPLAY) {
      replayNext();
    } else if (item == STOP) {
      ship();
      return false;
    }
    return true;
  }

  private void add(EncodedMessage message) {
    if (!current.fits(message, flushAt, SegmentLimits.MAX_BATCH_BYTES)) {
      ship();
    }
    if (current.isEmpty()) {
      deadline = System.nanoTime() + intervalNanos;
    }
    current.add(message);
    if (current.size() >= flushAt) {
      ship();
    }
  }

  private void ship() {
    if (!current.isEmpty()) {
      uploader.submit(current);
      current = new Batch(null);
    }
  }

  private void replayNext() {
    if (spool == null || replaying || spool.waiting() == 0) {
      return;
    }
    try {
      for (Path file : spool.files()) {
        List<EncodedMessage> messages = spool.read(file);
        if (messages.isEmpty()) {
          spool.delete(file, 0);
          continue;
        }
        ReplayFile replay = new ReplayFile(file, messages);
        List<Batch> batches = Batch.pack(messages, flushAt, SegmentLimits.MAX_BATCH_BYTES, replay);
        replay.expect(batches.size());
        replaying = true;
        batches.forEach(uploader::submit);
        return;
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "spool directory cannot be listed: {0}", e.toString());
    }
  }
}
