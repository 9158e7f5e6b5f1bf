package dev.parley.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What erasing one user did.
 *
 * @param userId the erased user
 * @param linkedIds the ids tied to the user, directly or through other ids, by events carrying
 *     a userId and an anonymousId and by aliases (userId and previousId), erased and suppressed with it
 * @param events events deleted
 * @param violations violation rows deleted
 * @param logCopiesUntil in cluster mode, when the last copy of the user's events in the ingest
 *     topic expires (Kafka keeps records for its retention; loads drop them meanwhile); empty
 *     where the log holds no copy after the erasure
 */
public record Erasure(String userId, List<String> linkedIds, long events, long violations,
    Optional<Instant> logCopiesUntil) {
  public Erasure {
    Objects.requireNonNull(userId, "userId == null");
    Objects.requireNonNull(logCopiesUntil, "logCopiesUntil == null");
    linkedIds = List.copyOf(linkedIds);
  }

  public Erasure(String userId, List<String> linkedIds, long events, long violations) {
    this(userId, linkedIds, events, violations, Optional.empty());
  }

  /** This erasure, saying when the log's copies expire. */
  public Erasure withLogCopiesUntil(Instant at) {
    return new Erasure(userId, linkedIds, events, violations, Optional.of(at));
  }
}
