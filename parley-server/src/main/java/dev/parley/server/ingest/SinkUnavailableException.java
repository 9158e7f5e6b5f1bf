package dev.parley.server.ingest;

/**
 * The store cannot take this submission now: its queue is full, it is shutting down, or a
 * commit failed. The client should retry later; the collector answers 503 with Retry-After.
 */
public final class SinkUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int retryAfterSeconds;

  public SinkUnavailableException(String message, int retryAfterSeconds, Throwable cause) {
    super(message, cause);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
