package dev.parley.server.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of event time, {@code [from, to)}, in UTC. */
public record TimeWindow(Instant from, Instant to) {
  /** The window that the read API uses when neither end is given. */
  public static final Duration DEFAULT_LENGTH = Duration.ofDays(7);

  public TimeWindow {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to is before from: " + from + " .. " + to);
    }
  }

  /** The last seven days up to the clock's instant. */
  public static TimeWindow lastWeek(Clock clock) {
    Instant now = clock.instant();
    return new TimeWindow(now.minus(DEFAULT_LENGTH), now);
  }
}
