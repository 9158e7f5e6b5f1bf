package dev.parley.sdk.internal;

import dev.parley.sdk.Failure;

/** Where the {@link Uploader} reports each settled batch; called once per batch. */
interface BatchSink {
  /** The collector acknowledged the batch. */
  void delivered(Batch batch);

  /** The collector refused the batch and a retry cannot help. */
  void rejected(Batch batch, Failure failure);

  /** Retries ran out, or {@code close()} abandoned the batch; it may still be spooled. */
  void undelivered(Batch batch, Failure failure);
}
