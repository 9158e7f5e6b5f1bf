package dev.parley.server.otlp;

import dev.parley.server.ingest.Rejection;

/**
 * The answer to one export request.
 *
 * @param status the HTTP status: 200 (perhaps a partial success), else an error
 * @param retryAfterSeconds sent as {@code Retry-After} when positive (429, 503)
 * @param rejectedSpans for a 200, the spans not stored (a partial success when positive)
 * @param message for a 200, why spans were rejected (or empty); for an error, what is wrong
 */
record OtlpAnswer(int status, int retryAfterSeconds, long rejectedSpans, String message) {
  static OtlpAnswer success(long rejectedSpans, String message) {
    return new OtlpAnswer(200, 0, rejectedSpans, message);
  }

  static OtlpAnswer error(int status, String message) {
    return new OtlpAnswer(status, 0, 0, message);
  }

  static OtlpAnswer of(Rejection rejection) {
    return new OtlpAnswer(rejection.status(), rejection.retryAfterSeconds(), 0, rejection.error());
  }

  /** The {@code google.rpc.Code} that goes with the HTTP status, for the error body. */
  int grpcCode() {
    return switch (status) {
      case 401 -> 16; // UNAUTHENTICATED
      case 408 -> 4; // DEADLINE_EXCEEDED
      case 413, 429 -> 8; // RESOURCE_EXHAUSTED
      case 503 -> 14; // UNAVAILABLE
      default -> status >= 500 ? 13 : 3; // INTERNAL, INVALID_ARGUMENT
    };
  }
}
