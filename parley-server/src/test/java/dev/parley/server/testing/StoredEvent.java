package dev.parley.server.testing;

import java.time.Instant;

/**
 * One row of the {@code events} table as ingest would store it, built by hand in tests.
 * Null fields are stored as NULL; {@link TestStore#insert} assigns {@code seq} in call
 * order and writes {@code body} as the Segment message these columns came from.
 */
public record StoredEvent(
    String type,
    String event,
    String userId,
    String anonymousId,
    String previousId,
    String conversationId,
    String chatMessageId,
    String role,
    String messageBody,
    String itemType,
    String action,
    String subType,
    Double rating,
    Long messageCount,
    Instant ts,
    String traitsJson) {

  /** A track event of the given name at {@code ts}, with the spec's default role. */
  public static StoredEvent track(String event, String conversationId, Instant ts) {
    return new StoredEvent("track", event, null, null, null, conversationId, null,
        defaultRole(event), null, null, null, null, null, null, ts, null);
  }

  public StoredEvent user(String id) {
    return new StoredEvent(type, event, id, anonymousId, previousId, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, rating, messageCount, ts, traitsJson);
  }

  public StoredEvent anonymous(String id) {
    return new StoredEvent(type, event, userId, id, previousId, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, rating, messageCount, ts, traitsJson);
  }

  public StoredEvent previousId(String id) {
    return new StoredEvent(type, event, userId, anonymousId, id, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, rating, messageCount, ts, traitsJson);
  }

  public StoredEvent message(String chatMessageId) {
    return new StoredEvent(type, event, userId, anonymousId, previousId, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, rating, messageCount, ts, traitsJson);
  }

  public StoredEvent role(String value) {
    return new StoredEvent(type, event, userId, anonymousId, previousId, conversationId, chatMessageId, value,
        messageBody, itemType, action, subType, rating, messageCount, ts, traitsJson);
  }

  public StoredEvent body(String text) {
    return new StoredEvent(type, event, userId, anonymousId, previousId, conversationId, chatMessageId, role,
        text, itemType, action, subType, rating, messageCount, ts, traitsJson);
  }

  public StoredEvent item(String itemType, String action, String subType) {
    return new StoredEvent(type, event, userId, anonymousId, previousId, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, rating, messageCount, ts, traitsJson);
  }

  public StoredEvent rating(double value) {
    return new StoredEvent(type, event, userId, anonymousId, previousId, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, value, messageCount, ts, traitsJson);
  }

  public StoredEvent messageCount(long value) {
    return new StoredEvent(type, event, userId, anonymousId, previousId, conversationId, chatMessageId, role,
        messageBody, itemType, action, subType, rating, value, ts, traitsJson);
  }

  /** An identify message; {@code traitsJson} is a JSON object or null. */
  public static StoredEvent identify(String userId, String anonymousId, String traitsJson, Instant ts) {
    return new StoredEvent("identify", null, userId, anonymousId, null, null, null, null, null, null,
        null, null, null, null, ts, traitsJson);
  }

  /** An alias message linking {@code previousId} to {@code userId}. */
  public static StoredEvent alias(String userId, String previousId, Instant ts) {
    return new StoredEvent("alias", null, userId, null, previousId, null, null, null, null, null,
        null, null, null, null, ts, null);
  }

  private static String defaultRole(String event) {
    return switch (event) {
      case "Message Sent", "Action Invoked" -> "customer";
      case "Message Received", "Media Generated" -> "agent";
      default -> null;
    };
  }
}
