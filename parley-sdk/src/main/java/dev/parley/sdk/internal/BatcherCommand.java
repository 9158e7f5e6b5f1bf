package dev.parley.sdk.internal;

import java.util.concurrent.CompletableFuture;

/**
 * What the batcher's inbox carries. A closed set: each command is carried out by
 * {@link #applyTo}, on the batcher thread, so adding one means saying what it does.
 */
sealed interface BatcherCommand {
  /** Carries the command out on the batcher thread. */
  void applyTo(Batcher batcher);

  /** A message to batch. */
  record Track(EncodedMessage message) implements BatcherCommand {
    @Override
    public void applyTo(Batcher batcher) {
      batcher.add(message);
    }
  }

  /** Ship the batch being filled; {@code done} completes when every fresh batch out is settled. */
  record Flush(CompletableFuture<Void> done) implements BatcherCommand {
    @Override
    public void applyTo(Batcher batcher) {
      batcher.flush(done);
    }
  }

  /** Ship the batch being filled, then stop: the client is closing. */
  record Close() implements BatcherCommand {
    @Override
    public void applyTo(Batcher batcher) {
      batcher.close();
    }
  }

  /** The {@code flushInterval} of batch number {@code batch} is over; ship it if it is still filling. */
  record BatchDue(long batch) implements BatcherCommand {
    @Override
    public void applyTo(Batcher batcher) {
      batcher.batchDue(batch);
    }
  }

  /** Resend the next spool file now: a delivery just succeeded, so the collector is up. */
  record ResendSpool() implements BatcherCommand {
    @Override
    public void applyTo(Batcher batcher) {
      batcher.replayNext();
    }
  }

  /**
   * The periodic look at the spool, every {@code flushInterval}: for files that the spool
   * writer added while nothing was delivered, and for a replay that did not get through.
   */
  record SpoolCheck() implements BatcherCommand {
    @Override
    public void applyTo(Batcher batcher) {
      batcher.spoolCheck();
    }
  }

  /** A spool file's replay is over; {@code progressed} when all of it was settled. */
  record ReplayDone(boolean progressed) implements BatcherCommand {
    @Override
    public void applyTo(Batcher batcher) {
      batcher.replayDone(progressed);
    }
  }
}
