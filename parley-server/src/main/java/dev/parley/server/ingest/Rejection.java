package dev.parley.server.ingest;

import java.util.List;
import java.util.Objects;

/**
 * Why a request is answered with something other than 200, as the status, a sentence for the
 * sender, and details (one per offending message, when there are some).
 *
 * @param retryAfterSeconds sent as {@code Retry-After} when positive
 */
public record Rejection(int status, String error, List<String> details, int retryAfterSeconds) {
  public Rejection {
    Objects.requireNonNull(error, "error == null");
    details = List.copyOf(details);
  }

  public static Rejection badRequest(String error) {
    return new Rejection(400, error, List.of(), 0);
  }

  public static Rejection badRequest(String error, List<String> details) {
    return new Rejection(400, error, details, 0);
  }

  public static Rejection tooLarge(String error) {
    return new Rejection(413, error, List.of(), 0);
  }

  public static Rejection timedOut(String error) {
    return new Rejection(408, error, List.of(), 0);
  }

  public static Rejection unauthorized(String error) {
    return new Rejection(401, error, List.of(), 0);
  }

  public static Rejection rateLimited(String error, int retryAfterSeconds) {
    return new Rejection(429, error, List.of(), retryAfterSeconds);
  }

  public static Rejection unavailable(String error, int retryAfterSeconds) {
    return new Rejection(503, error, List.of(), retryAfterSeconds);
  }

  /** A short name for metrics: {@code bad_request}, {@code too_large}, ... */
  public String reason() {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 408 -> "timeout";
      case 413 -> "too_large";
      case 429 -> "rate_limited";
      case 503 -> "unavailable";
      default -> "status_" + status;
    };
  }

  /** This rejection as an exception, to throw from parsing code. */
  RejectedException toException() {
    return new RejectedException(this);
  }
}
