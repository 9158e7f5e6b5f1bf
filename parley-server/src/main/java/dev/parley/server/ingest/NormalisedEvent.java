package dev.parley.server.ingest;

import dev.parley.spec.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message ready to store: the columns of the {@code events} table, the whole normalised
 * message as JSON, and its violations. Fields that the message lacks are null (they map to
 * SQL NULL one to one).
 *
 * @param messageId the envelope id (event id), used for dedupe; never the chat message id
 * @param chatMessageId {@code properties.messageId}, the chat message the event is about
 * @param body the normalised message as JSON text
 * @param usage the model, tokens and cost of a Message Received or Action Invoked; null for others
 */
public record NormalisedEvent(
    String source, String messageId, String type, String event, String userId, String anonymousId,
    String previousId, String conversationId, String chatMessageId, String role, String messageBody,
    String itemType, String action, String subType, Double rating, Long messageCount,
    Instant timestamp, Instant originalTimestamp, Instant sentAt, Instant receivedAt,
    String body, List<Violation> violations, Usage usage) {
  public NormalisedEvent {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(messageId, "messageId == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(timestamp, "timestamp == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
    Objects.requireNonNull(body, "body == null");
    violations = List.copyOf(violations);
  }

  /** An event without usage. */
  public NormalisedEvent(
      String source, String messageId, String type, String event, String userId, String anonymousId,
      String previousId, String conversationId, String chatMessageId, String role, String messageBody,
      String itemType, String action, String subType, Double rating, Long messageCount,
      Instant timestamp, Instant originalTimestamp, Instant sentAt, Instant receivedAt,
      String body, List<Violation> violations) {
    this(source, messageId, type, event, userId, anonymousId, previousId, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, rating, messageCount, timestamp, originalTimestamp, sentAt,
        receivedAt, body, violations, null);
  }

  /**
   * The event name for a track message, else the type; what violations are filed under. A
   * blank event name (flagged {@code invalid_value}) is filed under the type, as the validator does.
   */
  public String label() {
    return Optional.ofNullable(event).filter(name -> !name.isBlank()).orElse(type);
  }
}
