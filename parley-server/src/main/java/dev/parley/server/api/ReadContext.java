package dev.parley.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.store.ReadConnections;
import java.time.Clock;
import java.util.Objects;

/**
 * What read routes need: connections to the store, the JSON mapper, and the clock (for
 * default time ranges). Immutable.
 */
public record ReadContext(ReadConnections reads, ObjectMapper json, Clock clock) {
  public ReadContext {
    Objects.requireNonNull(reads, "reads == null");
    Objects.requireNonNull(json, "json == null");
    Objects.requireNonNull(clock, "clock == null");
  }
}
