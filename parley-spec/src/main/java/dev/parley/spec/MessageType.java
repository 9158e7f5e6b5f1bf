package dev.parley.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The six message types of Segment's Tracking API. */
public enum MessageType {
  TRACK("track"),
  IDENTIFY("identify"),
  PAGE("page"),
  SCREEN("screen"),
  GROUP("group"),
  ALIAS("alias");

  private static final MessageType[] VALUES = values();

  private final String wireName;

  MessageType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, e.g. {@code "track"}. */
  public String wireName() {
    return wireName;
  }

  /** Looks a wire name up, ignoring case; empty when it names no type. */
  public static Optional<MessageType> fromWireName(String name) {
    for (MessageType type : values()) {
      if (type.wireName.equalsIgnoreCase(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The type of a message: its {@code type} field, or {@code action} when {@code type} is
   * absent (the spec's examples write {@code "action": "track"}). Empty when neither names a
   * known type.
   */
  public static Optional<MessageType> of(JsonNode message) {
    return Optional.ofNullable(resolve(message));
  }

  /** As {@link #of}, without allocating: null when the message names no known type. */
  static MessageType resolve(JsonNode message) {
    JsonNode type = message.get(WireFields.TYPE);
    if (type == null || type.isNull()) {
      type = message.get(WireFields.ACTION);
    }
    if (type == null || !type.isTextual()) {
      return null;
    }
    String name = type.textValue();
    for (MessageType candidate : VALUES) {
      if (candidate.wireName.equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    return null;
  }
}
