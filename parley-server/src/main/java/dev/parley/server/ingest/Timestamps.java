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
  /** The earliest time Parley keeps as an event time; older ones are unreadable. */
  public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  /** The first time past the range Parley keeps as an event time. */
  public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

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
   * outside the years 1900 to 2199 (the store and its readers keep times in that range).
   */
  public static Optional<Instant> parse(String text) {
    return parseAny(text.trim()).filter(Timestamps::inRange);
  }

  /** Whether a time lies in the range Parley keeps. */
  public static boolean inRange(Instant t) {
    return !t.isBefore(EARLIEST) && t.isBefore(LATEST);
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
   * are known, the client's time when only it is, else the time the server received it. A
   * correction that would leave the range Parley keeps falls back to the client's time.
   */
  public static Instant corrected(Optional<Instant> original, Optional<Instant> sentAt, Instant receivedAt) {
    if (original.isEmpty()) {
      return receivedAt;
    }
    if (sentAt.isEmpty()) {
      return original.get();
    }
    Instant corrected = receivedAt.minus(Duration.between(original.get(), sentAt.get()));
    return inRange(corrected) ? corrected : original.get();
  }
}
