package dev.parley.server.ingest;

import dev.parley.spec.Violation;
import java.time.Instant;
import java.util.List;

/**
 * A message refused in {@code block} mode: not stored, but its violations are recorded.
 *
 * @param index the message's position in its request
 * @param userId the message's userId, or null; kept so that erasing the user removes these rows too
 * @param anonymousId the message's anonymousId, or null
 */
public record RefusedMessage(int index, String source, String messageId, String label, Instant receivedAt,
    List<Violation> violations, String userId, String anonymousId) {
  /** A refused message whose sender is not known. */
  public RefusedMessage(int index, String source, String messageId, String label, Instant receivedAt,
      List<Violation> violations) {
    this(index, source, messageId, label, receivedAt, violations, null, null);
  }

  public RefusedMessage {
    violations = List.copyOf(violations);
  }
}
