package dev.parley.server.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/summary}: what happened in a window. Field names are
 * the JSON names; see DESIGN.md "Read API" for the definitions.
 */
public record Summary(
    Instant from,
    Instant to,
    long conversations,
    long conversationsStarted,
    long conversationsEnded,
    long abandoned,
    long messagesSent,
    long messagesReceived,
    Double avgMessagesPerConversation,
    Quantiles responseLatencyMs,
    Quantiles durationMs,
    Feedback feedback,
    List<ActionCount> actions,
    List<MediaCount> media,
    List<ComponentCount> components,
    List<OutcomeCount> outcomes,
    Double conversionRate,
    long users,
    long violations,
    UsageFigures.Tokens tokens,
    UsageFigures.Cost cost) {

  public Summary {
    actions = List.copyOf(actions);
    media = List.copyOf(media);
    components = List.copyOf(components);
    outcomes = List.copyOf(outcomes);
  }

  /** Continuous quantiles (linear interpolation) in milliseconds; null when no values. */
  public record Quantiles(Double p50, Double p90, Double p99) {}

  /**
   * Ratings: all of them ({@code count}, {@code avgRating}, {@code distribution} keyed by
   * the rating value as written, e.g. "5" or "4.5"), then message-level and
   * conversation-level counts apart.
   */
  public record Feedback(long count, Double avgRating, Map<String, Long> distribution,
      long messageRatings, long conversationRatings) {
    public Feedback {
      distribution = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(distribution));
    }
  }

  /** Action Invoked events of one type and action. */
  public record ActionCount(String type, String action, long count) {}

  /** Media Generated events of one type and sub_type. */
  public record MediaCount(String type, String subType, long count) {}

  /** Component Loaded events of one type. */
  public record ComponentCount(String type, long count) {}

  /** One outcome event: how often it happened and in how many conversations. */
  public record OutcomeCount(String event, long count, long conversations) {}
}
