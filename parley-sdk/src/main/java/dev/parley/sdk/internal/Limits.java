package dev.parley.sdk.internal;

/** Segment's HTTP Tracking API limits, which Parley's collector shares. */
public final class Limits {
  /** Largest message, in bytes of its JSON. */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024;
  /** Largest batch request body, in bytes. */
  public static final int MAX_BATCH_BYTES = 500 * 1024;
  /** Most messages in one batch request. */
  public static final int MAX_BATCH_COUNT = 2_500;

  private Limits() {}
}
