package dev.parley.server.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the next page of conversations starts: after the conversation with this last
 * event time and id, in (lastEventAt desc, conversationId desc) order. Opaque to clients:
 * {@link #encode()} is URL-safe and {@link #decode} rejects anything it did not make.
 */
public record PageCursor(Instant lastEventAt, String conversationId) {
  public PageCursor {
    Objects.requireNonNull(lastEventAt, "lastEventAt == null");
    Objects.requireNonNull(conversationId, "conversationId == null");
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, lastEventAt);
    String plain = micros + ":" + conversationId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code text}, or empty when it is not one this class made. */
  public static Optional<PageCursor> decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      long micros = Long.parseLong(plain.substring(0, colon));
      Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
      return Optional.of(new PageCursor(at, plain.substring(colon + 1)));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
