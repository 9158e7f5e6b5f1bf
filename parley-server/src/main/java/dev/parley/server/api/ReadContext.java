package dev.parley.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.analytics.Dialect;
import dev.parley.server.config.PriceBook;
import dev.parley.server.store.ReadConnections;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What read routes need: connections to the store, the JSON mapper, the clock (for default
 * time ranges), the idle timeout after which an unended conversation is abandoned, and the
 * prices that turn tokens into cost, and the SQL dialect of the store read. Immutable.
 */
public record ReadContext(ReadConnections reads, ObjectMapper json, Clock clock, Duration idleTimeout,
    PriceBook prices, Dialect dialect) {
  public ReadContext {
    Objects.requireNonNull(dialect, "dialect == null");
    Objects.requireNonNull(reads, "reads == null");
    Objects.requireNonNull(json, "json == null");
    Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(idleTimeout, "idleTimeout == null");
    Objects.requireNonNull(prices, "prices == null");
  }
}
