package dev.parley.server.analytics;

import dev.parley.server.config.PriceBook;
import dev.parley.server.config.PriceTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the analytics definitions depend on besides the data: the clock that says "now"
 * (abandonment is judged at query time), the idle timeout after which a started, unended
 * conversation counts as abandoned, and the prices that turn tokens into cost.
 */
public record AnalyticsSettings(Clock clock, Duration idleTimeout, PriceBook prices) {
  /** The idle timeout when none is configured. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  public AnalyticsSettings {
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(idleTimeout, "idleTimeout == null");
    Objects.requireNonNull(prices, "prices == null");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
  }

  /** Settings without prices: what is not sent with a cost is unpriced. */
  public AnalyticsSettings(Clock clock, Duration idleTimeout) {
    this(clock, idleTimeout, PriceBook.of(PriceTable.empty()));
  }

  /** The system clock and a 30-minute idle timeout. */
  public static AnalyticsSettings defaults() {
    return new AnalyticsSettings(Clock.systemUTC(), DEFAULT_IDLE_TIMEOUT);
  }
}
