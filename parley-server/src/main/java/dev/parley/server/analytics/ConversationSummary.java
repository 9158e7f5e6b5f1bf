package dev.parley.server.analytics;

import java.time.Instant;
import java.util.List;

/**
 * One conversation in a list: who, when, where it stands, how many messages, its average
 * rating, the actions invoked and the outcomes reached (distinct names, sorted). Nullable:
 * {@code userId}, {@code anonymousId}, {@code startedAt}, {@code endedAt}, {@code avgRating}.
 */
public record ConversationSummary(
    String conversationId,
    String userId,
    String anonymousId,
    Instant startedAt,
    Instant endedAt,
    Instant lastEventAt,
    ConversationStatus status,
    long messageCount,
    Double avgRating,
    List<String> actions,
    List<String> outcomes) {

  public ConversationSummary {
    actions = List.copyOf(actions);
    outcomes = List.copyOf(outcomes);
  }
}
