package dev.parley.sdk.internal;

import dev.parley.spec.SegmentLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The one thread that owns the batch being filled: it carries out {@link BatcherCommand}s
 * from the inbox, closes a batch when the next message would pass {@code flushAt} or the
 * request size limit, or when the batch is {@code flushInterval} old, and hands it to the
 * {@link Uploader}. It also resends the spool, one file at a time, oldest first: on start,
 * after a successful delivery, and every {@code flushInterval} while files wait.
 *
 * <p>It never waits with a timeout: timers on the {@link TimeSource} post commands to the
 * inbox when an interval is over. The command methods run on the batcher thread only.
 */
final class Batcher implements Runnable {
  private static final System.Logger LOG = System.getLogger("dev.parley.sdk");

  private final BlockingQueue<BatcherCommand> inbox;
  private final Uploader uploader;
  private final Spool spool;
  private final TimeSource time;
  private final int flushAt;
  private final long intervalNanos;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private Batch current = new Batch(null);
  /** Counts batches begun, so that a timer for a batch already shipped is recognised. */
  private long batchNumber;
  private TimeSource.Cancellable batchTimer = TimeSource.Cancellable.NONE;
  private TimeSource.Cancellable spoolTimer = TimeSource.Cancellable.NONE;
  private boolean replaying;
  private boolean closing;

  /** {@code spool} is null when no spool directory is configured. */
  Batcher(BlockingQueue<BatcherCommand> inbox, Uploader uploader, Spool spool, TimeSource time, Options options) {
    this.inbox = inbox;
    this.uploader = uploader;
    this.spool = spool;
    this.time = time;
    this.flushAt = options.flushAt();
    this.intervalNanos = options.flushInterval().toNanos();
  }

  /** Completes when the thread has handed over its last batch and ended. */
  CompletableFuture<Void> stopped() {
    return stopped;
  }

  @Override
  public void run() {
    try {
      spoolCheck();
      while (!closing) {
        BatcherCommand command;
        try {
          command = inbox.take();
        } catch (InterruptedException e) {
          ship();
          return;
        }
        try {
          command.applyTo(this);
        } catch (RuntimeException e) {
          // Never let one bad step stop the thread every caller depends on.
          LOG.log(Level.ERROR, "batcher step failed; continuing", e);
        }
      }
    } finally {
      batchTimer.cancel();
      spoolTimer.cancel();
      stopped.complete(null);
    }
  }

  void add(EncodedMessage message) {
    if (!current.fits(message, flushAt, SegmentLimits.MAX_BATCH_BYTES)) {
      ship();
    }
    if (current.isEmpty()) {
      long number = ++batchNumber;
      batchTimer = time.schedule(() -> inbox.add(new BatcherCommand.BatchDue(number)), intervalNanos);
    }
    current.add(message);
    if (current.size() >= flushAt) {
      ship();
    }
  }

  void flush(CompletableFuture<Void> done) {
    ship();
    uploader.outstanding(false).whenComplete((ignored, error) -> done.complete(null));
  }

  void close() {
    ship();
    closing = true;
  }

  void batchDue(long number) {
    if (number == batchNumber) {
      ship();
    }
  }

  void spoolCheck() {
    replayNext();
    if (spool != null) {
      spoolTimer = time.schedule(() -> inbox.add(new BatcherCommand.SpoolCheck()), intervalNanos);
    }
  }

  void replayDone(boolean progressed) {
    replaying = false;
    if (progressed) {
      replayNext();
    }
  }

  void replayNext() {
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

  private void ship() {
    if (!current.isEmpty()) {
      batchTimer.cancel();
      uploader.submit(current);
      current = new Batch(null);
    }
  }
}
