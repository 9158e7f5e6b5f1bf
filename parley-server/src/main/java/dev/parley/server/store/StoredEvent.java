package dev.parley.server.store;

import java.util.List;

/**
 * An event as stored: its arrival number, source, the normalised message as JSON text, and
 * its violations.
 */
public record StoredEvent(long seq, String source, String body, List<StoredViolation> violations) {
  public StoredEvent {
    violations = List.copyOf(violations);
  }

  /** One violation row. */
  public record StoredViolation(String event, String path, String code, String message) {}
}
