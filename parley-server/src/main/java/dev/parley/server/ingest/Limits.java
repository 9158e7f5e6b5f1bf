package dev.parley.server.ingest;

/** Segment's limits on what one request may carry. */
public final class Limits {
  /** Bytes of one message, as JSON (decompressed). */
  public static final int MESSAGE_BYTES = 32 * 1024;
  /** Bytes of one request body, decompressed. */
  public static final int REQUEST_BYTES = 500 * 1024;
  /** Messages in one batch. */
  public static final int BATCH_MESSAGES = 2_500;
  /** Characters of an envelope {@code messageId}. */
  public static final int MESSAGE_ID_CHARS = 100;

  private Limits() {}
}
