package dev.parley.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the ISO-8601 times that clients send and corrects the client's clock skew.
 */
public final class Timestamps {
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1);

  private Timestamps() {}

  /** An ISO-8601 time with an offset or {@code Z}; without one, UTC. Empty when unreadable. */
  public static Optional<Instant> parse(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return Optional.empty();
    }
    return parse(node.textValue());
  }

  /**
   * An ISO-8601 time with an offset or {@code Z}; without one, UTC. Empty when unreadable or
   * outside the years 1 to 9999.
   */
  public static Optional<Instant> parse(String text) {
    return parseAny(text.trim()).filter(t -> !t.isBefore(EARLIEST) && t.isBefore(LATEST));
  }

  private static Optional<Instant> parseAny(String t) {
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /**
   * The event time: {@code receivedAt - (sentAt - originalTimestamp)} when both client times
   * are known, the client's time when only it is, else the time the server received it.
   */
  public static Instant corrected(Optional<Instant> original, Optional<Instant> sentAt, Instant receivedAt) {
    if (original.isEmpty()) {
      return receivedAt;
    }
    if (sentAt.isEmpty()) {
      return original.get();
    }
    return receivedAt.minus(Duration.between(original.get(), sentAt.get()));
  }
}
