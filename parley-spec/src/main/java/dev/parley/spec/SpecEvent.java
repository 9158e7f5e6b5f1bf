package dev.parley.spec;

import static dev.parley.spec.JsonType.INTEGER;
import static dev.parley.spec.JsonType.NUMBER;
import static dev.parley.spec.JsonType.STRING;
import static dev.parley.spec.PropertyNames.ACTION;
import static dev.parley.spec.PropertyNames.CONVERSATION_ID;
import static dev.parley.spec.PropertyNames.MESSAGE_BODY;
import static dev.parley.spec.PropertyNames.MESSAGE_COUNT;
import static dev.parley.spec.PropertyNames.MESSAGE_ID;
import static dev.parley.spec.PropertyNames.RATING;
import static dev.parley.spec.PropertyNames.ROLE;
import static dev.parley.spec.PropertyNames.SUB_TYPE;
import static dev.parley.spec.PropertyNames.TYPE;
import static dev.parley.spec.PropertySpec.optional;
import static dev.parley.spec.PropertySpec.required;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AI Copilot tracking plan: each track event of the spec with its properties.
 *
 * <p>This table is the single source of the plan; the validator, the SDK and the analytics
 * read it rather than repeating names. Extra properties are allowed on every event.
 */
public enum SpecEvent {
  CONVERSATION_STARTED("Conversation Started",
      required(CONVERSATION_ID, STRING)),
  MESSAGE_SENT("Message Sent",
      required(CONVERSATION_ID, STRING),
      required(MESSAGE_ID, STRING),
      required(MESSAGE_BODY, STRING),
      optional(ROLE, STRING, "customer")),
  MESSAGE_RECEIVED("Message Received",
      required(CONVERSATION_ID, STRING),
      required(MESSAGE_ID, STRING),
      required(MESSAGE_BODY, STRING),
      optional(ROLE, STRING, "agent")),
  CONVERSATION_ENDED("Conversation Ended",
      required(CONVERSATION_ID, STRING),
      optional(MESSAGE_COUNT, INTEGER)),
  ACTION_INVOKED("Action Invoked",
      required(CONVERSATION_ID, STRING),
      required(MESSAGE_ID, STRING),
      required(TYPE, STRING),
      required(ACTION, STRING),
      optional(ROLE, STRING, "customer")),
  MEDIA_GENERATED("Media Generated",
      required(CONVERSATION_ID, STRING),
      required(MESSAGE_ID, STRING),
      required(TYPE, STRING),
      required(SUB_TYPE, STRING),
      optional(ROLE, STRING, "agent")),
  COMPONENT_LOADED("Component Loaded",
      required(CONVERSATION_ID, STRING),
      required(MESSAGE_ID, STRING),
      required(TYPE, STRING)),
  FEEDBACK_SUBMITTED("Feedback Submitted",
      required(CONVERSATION_ID, STRING),
      required(RATING, NUMBER),
      optional(MESSAGE_ID, STRING));

  /**
   * What any other track event is checked against: nothing is required, but these tie an
   * event to a conversation, so near misses of their names are flagged.
   */
  public static final List<PropertySpec> OTHER_TRACK_PROPERTIES =
      List.of(optional(CONVERSATION_ID, STRING), optional(MESSAGE_ID, STRING));

  /** Names that older or mistaken versions of the spec used, with the event meant. */
  static final Map<String, SpecEvent> KNOWN_WRONG_NAMES =
      Map.of("Tool Invoked", ACTION_INVOKED, "Custom Component Loaded", COMPONENT_LOADED);

  private static final Map<String, SpecEvent> BY_NAME = new HashMap<>();

  static {
    for (SpecEvent event : values()) {
      BY_NAME.put(event.eventName, event);
    }
  }

  private final String eventName;
  private final List<PropertySpec> properties;

  SpecEvent(String eventName, PropertySpec... properties) {
    this.eventName = eventName;
    this.properties = List.of(properties);
  }

  /** The event name exactly as the spec writes it, e.g. {@code "Message Sent"}. */
  public String eventName() {
    return eventName;
  }

  /** The event's properties, required ones first, in the spec's order. */
  public List<PropertySpec> properties() {
    return properties;
  }

  /** The property of this event with that name, if the plan has one. */
  public Optional<PropertySpec> property(String name) {
    for (PropertySpec property : properties) {
      if (property.name().equals(name)) {
        return Optional.of(property);
      }
    }
    return Optional.empty();
  }

  /** The spec event with exactly this name (case-sensitive, as Segment's are). */
  public static Optional<SpecEvent> byName(String eventName) {
    return Optional.ofNullable(BY_NAME.get(eventName));
  }

  /**
   * The spec event that a non-spec name most likely meant (see {@link NearMiss}), or empty
   * when the name is a custom event of its own such as "Message Seen".
   */
  public static Optional<SpecEvent> nearMiss(String eventName) {
    if (BY_NAME.containsKey(eventName)) {
      return Optional.empty();
    }
    String normal = NearMiss.normalise(eventName);
    for (Map.Entry<String, SpecEvent> wrong : KNOWN_WRONG_NAMES.entrySet()) {
      if (NearMiss.normalise(wrong.getKey()).equals(normal)) {
        return Optional.of(wrong.getValue());
      }
    }
    for (SpecEvent event : values()) {
      if (NearMiss.withinOneEdit(normal, NearMiss.normalise(event.eventName))) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }
}
