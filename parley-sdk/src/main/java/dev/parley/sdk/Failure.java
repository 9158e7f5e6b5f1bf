package dev.parley.sdk;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a message was not delivered.
 *
 * @param reason the kind of failure
 * @param httpStatus the collector's answer, when there was one
 * @param detail a sentence for logs (never the message's content)
 */
public record Failure(Reason reason, OptionalInt httpStatus, String detail) {
  /** Checks that no component is null. */
  public Failure {
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(httpStatus, "httpStatus == null");
    Objects.requireNonNull(detail, "detail == null");
  }

  /** The kinds of failure. The first three are counted as dropped, the others as failed. */
  public enum Reason {
    /** The message is over Segment's 32 KB limit; refused at the call and never sent. */
    TOO_LARGE,
    /** The in-memory queue was full and no spool directory is configured. */
    QUEUE_FULL,
    /** The client was closed before the message was queued. */
    CLOSED,
    /** The collector refused the batch with a 4xx that a retry cannot fix. */
    REJECTED,
    /** Every retry failed and no spool directory is configured. */
    RETRIES_EXHAUSTED,
    /** {@code close()} timed out before delivery and no spool directory is configured. */
    ABANDONED_AT_CLOSE
  }
}
