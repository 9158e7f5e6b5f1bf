package dev.parley.server.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may take to send a request body, and how many body bytes all requests in
 * progress may hold together. Bodies are read without holding a thread, so a slow client costs
 * a connection and its bytes, not a share of the server; these two bound what is left.
 *
 * @param deadline the time from the request's headers to the last byte of its body; a client
 *     still sending past it is answered 408 and the connection closed
 * @param inFlightBytes the most body bytes held by requests that are read or being ingested;
 *     past it, new requests are answered 503 with {@code Retry-After}. It counts bytes as they
 *     arrive: while a body is decompressed and parsed the heap holds a few times that, so size
 *     the heap for about four times this budget
 */
public record BodyLimits(Duration deadline, long inFlightBytes) {
  /** 30 seconds per body; 64 MiB of bodies at once (128 full batches). */
  public static final BodyLimits DEFAULT = new BodyLimits(Duration.ofSeconds(30), 64L * 1024 * 1024);

  public BodyLimits {
    Objects.requireNonNull(deadline, "deadline == null");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, not " + deadline);
    }
    if (inFlightBytes <= 0) {
      throw new IllegalArgumentException("inFlightBytes must be positive, not " + inFlightBytes);
    }
  }
}
