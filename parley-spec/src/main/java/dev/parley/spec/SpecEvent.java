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
import java.util.concurrent.ConcurrentHashMap;

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

  /**
   * Parley's extensions of Message Received and Action Invoked: the model, its token counts and
   * the cost. Optional; when present they are checked by type (and must not be negative), never
   * looked for at the top level or under other spellings, as the spec's own properties are.
   */
  public static final List<PropertySpec> USAGE_EXTENSIONS = List.of(optional(PropertyNames.MODEL, STRING),
      optional(PropertyNames.INPUT_TOKENS, INTEGER), optional(PropertyNames.OUTPUT_TOKENS, INTEGER),
      optional(PropertyNames.COST, NUMBER));

  /** Names that older or mistaken versions of the spec used, with the event meant. */
  static final Map<String, SpecEvent> KNOWN_WRONG_NAMES =
      Map.of("Tool Invoked", ACTION_INVOKED, "Custom Component Loaded", COMPONENT_LOADED);

  private static final Map<String, SpecEvent> BY_NAME = new HashMap<>();
  /** Normal forms of the spec names and the known wrong names, for near-miss lookups. */
  private static final Map<String, SpecEvent> BY_NORMAL_NAME = new HashMap<>();
  /** Near-miss answers for names already seen; custom event names repeat, so this stays small. */
  private static final Map<String, Optional<SpecEvent>> NEAR_MISS_CACHE = new ConcurrentHashMap<>();
  private static final int NEAR_MISS_CACHE_LIMIT = 10_000;

  static {
    for (SpecEvent event : values()) {
      BY_NAME.put(event.eventName, event);
      BY_NORMAL_NAME.put(NearMiss.normalise(event.eventName), event);
    }
    KNOWN_WRONG_NAMES.forEach((name, event) -> BY_NORMAL_NAME.put(NearMiss.normalise(name), event));
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

  /** Parley's extension properties of this event ({@link #USAGE_EXTENSIONS} or none). */
  public List<PropertySpec> extensions() {
    return this == MESSAGE_RECEIVED || this == ACTION_INVOKED ? USAGE_EXTENSIONS : List.of();
  }

  /** The spec event with exactly this name (case-sensitive, as Segment's are). */
  public static Optional<SpecEvent> byName(String eventName) {
    return Optional.ofNullable(BY_NAME.get(eventName));
  }

  /** As {@link #byName}, without allocating: null when it is not a spec event. */
  static SpecEvent exactly(String eventName) {
    return BY_NAME.get(eventName);
  }

  /**
   * The spec event that a non-spec name most likely meant (see {@link NearMiss}), or empty
   * when the name is a custom event of its own such as "Message Seen".
   */
  public static Optional<SpecEvent> nearMiss(String eventName) {
    if (BY_NAME.containsKey(eventName)) {
      return Optional.empty();
    }
    Optional<SpecEvent> cached = NEAR_MISS_CACHE.get(eventName);
    if (cached != null) {
      return cached;
    }
    Optional<SpecEvent> answer = findNearMiss(NearMiss.normalise(eventName));
    if (NEAR_MISS_CACHE.size() < NEAR_MISS_CACHE_LIMIT) {
      NEAR_MISS_CACHE.put(eventName, answer);
    }
    return answer;
  }

  private static Optional<SpecEvent> findNearMiss(String normal) {
    SpecEvent exact = BY_NORMAL_NAME.get(normal);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (SpecEvent event : values()) {
      if (NearMiss.withinOneEdit(normal, NearMiss.normalise(event.eventName))) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }
}
