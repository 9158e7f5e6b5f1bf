package dev.parley.server.ingest;

import dev.parley.spec.Violation;
import java.time.Instant;
import java.util.List;

/**
 * A message refused in {@code block} mode: not stored, but its violations are recorded.
 *
 * @param index the message's position in its request
 */
public record RefusedMessage(int index, String source, String messageId, String label, Instant receivedAt,
    List<Violation> violations) {
  public RefusedMessage {
    violations = List.copyOf(violations);
  }
}
