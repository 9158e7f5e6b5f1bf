package dev.parley.server.log;

import dev.parley.server.ingest.EventSink;
import dev.parley.server.ingest.Submission;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable log in front of the store: ingest appends each accepted request to it and
 * answers 200 once the append is durable; the loader reads it from the store's position and
 * trims what the store holds. The embedded implementation is {@link FileLog}; a Kafka topic
 * is the other.
 *
 * <p>Positions are opaque, increasing numbers: a record's {@link LogRecord#next()} is where
 * the following record starts. Appends are thread-safe; one loader reads and trims.
 */
public interface IngestLog extends EventSink, AutoCloseable {
  /**
   * Appends a submission. The future completes once it is durable, or fails with
   * {@link dev.parley.server.ingest.SinkUnavailableException} when the log cannot take it now
   * (full, the disk refuses, closing).
   */
  @Override
  CompletableFuture<Void> submit(Submission submission);

  /**
   * Durable records from {@code from}, oldest first, at most about {@code maxBytes} of payload
   * (always at least one record when one is there).
   */
  List<LogRecord> read(long from, int maxBytes) throws IOException;

  /** The position after the last durable record. */
  long end();

  /** The position of the oldest record kept. */
  long start();

  /**
   * Waits until the log's end passes {@code position} or the timeout runs out.
   *
   * @return whether the end is past {@code position}
   */
  boolean awaitEnd(long position, Duration timeout) throws InterruptedException;

  /**
   * Closes the current segment after what was appended so far, so that {@link #trim} can
   * remove everything before the returned position. Used by erasure: records appended
   * before the roll never outlive it on disk once loaded and trimmed.
   */
  CompletableFuture<Long> roll();

  /** Removes what lies wholly before {@code position} (the store holds it). */
  void trim(long position) throws IOException;

  /** Bytes the log holds on disk. */
  long bytes();

  /** Stops taking appends; what was acknowledged stays durable. */
  @Override
  void close();
}
