package dev.parley.spec;

/**
 * The size limits of Segment's HTTP Tracking API, which Parley's collector enforces and
 * Parley's SDK packs its batches to fit. Sizes are bytes of UTF-8 JSON; for a gzip request
 * body they apply to the decompressed bytes. Each constant is the largest value accepted:
 * anything over it is refused.
 *
 * <p>Constants only; thread-safe.
 */
public final class SegmentLimits {
  /** Most bytes in one message: 32 KB (32,768). Also the whole body of a single-message request. */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024;
  /** Most bytes in one batch request body: 500 KB (512,000). */
  public static final int MAX_BATCH_BYTES = 500 * 1024;
  /** Most messages in one batch request: 2,500. */
  public static final int MAX_BATCH_MESSAGES = 2_500;
  /**
   * Longest envelope {@code messageId} accepted (the event id, not the chat message's), in
   * characters as {@link String#length()} counts them: 99. Segment's limit is "under 100
   * characters", so an id of 100 characters or more is refused.
   */
  public static final int MAX_MESSAGE_ID_LENGTH = 99;

  private SegmentLimits() {}
}
