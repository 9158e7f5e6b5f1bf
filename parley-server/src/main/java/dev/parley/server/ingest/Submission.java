package dev.parley.server.ingest;

import java.util.List;

/**
 * What one request hands to the store: the events to keep (duplicates are dropped by the
 * store) and the messages refused in block mode, whose violations are recorded.
 */
public record Submission(List<NormalisedEvent> events, List<RefusedMessage> refused) {
  public Submission {
    events = List.copyOf(events);
    refused = List.copyOf(refused);
  }

  /** How many rows this submission asks the writer to hold; bounds the writer's queue. */
  public int weight() {
    return Math.max(1, events.size() + refused.size());
  }
}
