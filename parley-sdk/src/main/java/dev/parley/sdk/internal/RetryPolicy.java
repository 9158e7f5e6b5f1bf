package dev.parley.sdk.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to retry a batch and how long to wait: Segment's retry set (408, 410, 429, 460 and
 * 5xx except 501, 505 and 511; network errors too), exponential backoff with full jitter,
 * and {@code Retry-After} honoured up to a cap. Immutable and thread-safe.
 */
public final class RetryPolicy {
  /** The longest {@code Retry-After} honoured unless the maximum backoff is longer. */
  static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(60);

  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final int maxRetries;

  /** A policy allowing {@code maxRetries} resends with backoff between the two durations. */
  public RetryPolicy(Duration minBackoff, Duration maxBackoff, int maxRetries) {
    this.minBackoff = Objects.requireNonNull(minBackoff, "minBackoff == null");
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    this.maxRetries = maxRetries;
  }

  /** Whether a batch answered with this status may succeed when sent again. */
  public static boolean isRetryable(int status) {
    if (status >= 500) {
      return status != 501 && status != 505 && status != 511;
    }
    return status == 408 || status == 410 || status == 429 || status == 460;
  }

  /** Whether a batch that has been sent {@code attempts} times may be sent once more. */
  public boolean mayRetry(int attempts) {
    return attempts <= maxRetries;
  }

  /**
   * The wait before the next attempt, after {@code attempts} attempts: the server's
   * {@code Retry-After} when given (capped), else a uniformly random time between zero
   * and {@code min(maxBackoff, minBackoff * 2^(attempts-1))}, but at least a millisecond.
   */
  public Duration delay(int attempts, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration cap = maxBackoff.compareTo(RETRY_AFTER_CAP) > 0 ? maxBackoff : RETRY_AFTER_CAP;
      Duration wanted = retryAfter.get();
      return wanted.compareTo(cap) > 0 ? cap : wanted;
    }
    long min = Math.max(1, minBackoff.toMillis());
    int shift = Math.min(30, Math.max(0, attempts - 1));
    long ceiling = Math.min(maxBackoff.toMillis(), min << shift);
    return Duration.ofMillis(Math.max(1, ThreadLocalRandom.current().nextLong(ceiling + 1)));
  }

  /** Reads a {@code Retry-After} header: delay seconds or an HTTP date. */
  public static Optional<Duration> parseRetryAfter(Optional<String> header, Instant now) {
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
