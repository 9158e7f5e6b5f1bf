package dev.parley.spec;

import java.util.Optional;

/** Why a message breaks the tracking plan. The wire names are stable; store and show them. */
public enum ViolationCode {
  /** A required property is absent or null. */
  MISSING_REQUIRED("missing_required"),
  /** A property has the wrong JSON type, such as a rating sent as the string "5". */
  WRONG_TYPE("wrong_type"),
  /** The right type but an impossible value: a blank required string, a negative message_count. */
  INVALID_VALUE("invalid_value"),
  /** A near miss of a spec property name, such as {@code conversation_id}. */
  MISNAMED_PROPERTY("misnamed_property"),
  /** A spec property at the top level of the message instead of inside {@code properties}. */
  MISPLACED_PROPERTY("misplaced_property"),
  /** An event name that is a near miss of a spec event, such as "Action nvoked". */
  UNKNOWN_EVENT_SIMILAR("unknown_event_similar"),
  /** Neither userId nor anonymousId. */
  MISSING_IDENTITY("missing_identity");

  private final String wireName;

  ViolationCode(String wireName) {
    this.wireName = wireName;
  }

  /** The code as stored and shown, e.g. {@code "missing_required"}. */
  public String wireName() {
    return wireName;
  }

  /** Looks a wire name up; empty when it names no code. */
  public static Optional<ViolationCode> fromWireName(String name) {
    for (ViolationCode code : values()) {
      if (code.wireName.equals(name)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
