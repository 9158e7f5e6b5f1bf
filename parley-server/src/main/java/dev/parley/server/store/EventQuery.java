package dev.parley.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which stored events to read: each present filter narrows the result; events come in time
 * order (then arrival order).
 */
public record EventQuery(Optional<String> conversationId, Optional<String> userId, Optional<String> event,
    Optional<Instant> from, Optional<Instant> to, int limit) {
  /** Every event, oldest first. */
  public static EventQuery all() {
    return new EventQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Integer.MAX_VALUE);
  }
}
