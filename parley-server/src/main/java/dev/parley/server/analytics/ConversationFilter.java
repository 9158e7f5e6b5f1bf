package dev.parley.server.analytics;

import java.util.Objects;
import java.util.Optional;

/**
 * Which conversations {@link ConversationQueries#page} lists: those with an event in
 * {@code window} that pass every present filter. {@code text} matches message bodies,
 * case-insensitively; {@code topic} is a topic id.
 */
public record ConversationFilter(
    TimeWindow window,
    Optional<String> userId,
    Optional<ConversationStatus> status,
    Optional<Double> minRating,
    Optional<Boolean> hasOutcome,
    Optional<String> text,
    Optional<Integer> topic) {

  public ConversationFilter {
    Objects.requireNonNull(window, "window == null");
    Objects.requireNonNull(userId, "userId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(minRating, "minRating == null");
    Objects.requireNonNull(hasOutcome, "hasOutcome == null");
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(topic, "topic == null");
  }

  /** Every conversation of the window. */
  public static ConversationFilter all(TimeWindow window) {
    return new ConversationFilter(window, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ConversationFilter withStatus(ConversationStatus value) {
    return new ConversationFilter(window, userId, Optional.of(value), minRating, hasOutcome, text, topic);
  }

  public ConversationFilter withUserId(String value) {
    return new ConversationFilter(window, Optional.of(value), status, minRating, hasOutcome, text, topic);
  }

  public ConversationFilter withMinRating(double value) {
    return new ConversationFilter(window, userId, status, Optional.of(value), hasOutcome, text, topic);
  }

  public ConversationFilter withHasOutcome(boolean value) {
    return new ConversationFilter(window, userId, status, minRating, Optional.of(value), text, topic);
  }

  public ConversationFilter withTopic(int value) {
    return new ConversationFilter(window, userId, status, minRating, hasOutcome, text, Optional.of(value));
  }

  public ConversationFilter withText(String value) {
    return new ConversationFilter(window, userId, status, minRating, hasOutcome, Optional.of(value), topic);
  }
}
