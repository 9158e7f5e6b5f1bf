package dev.parley.spec;

import static dev.parley.spec.ViolationCode.INVALID_VALUE;
import static dev.parley.spec.ViolationCode.MISNAMED_PROPERTY;
import static dev.parley.spec.ViolationCode.MISPLACED_PROPERTY;
import static dev.parley.spec.ViolationCode.MISSING_IDENTITY;
import static dev.parley.spec.ViolationCode.MISSING_REQUIRED;
import static dev.parley.spec.ViolationCode.UNKNOWN_EVENT_SIMILAR;
import static dev.parley.spec.ViolationCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Checks one message in Segment's wire form against the AI Copilot tracking plan and
 * returns every violation, following the rules of the spec notes.
 *
 * <p>A message that breaks nothing costs no allocation beyond the lookups: the result is
 * then the shared empty list. Instances are stateless and thread-safe; use {@link #standard()}.
 */
public final class Validator {
  private static final Validator STANDARD = new Validator();

  private Validator() {}

  /** The validator for the AI Copilot spec. */
  public static Validator standard() {
    return STANDARD;
  }

  /**
   * Validates a message. A message whose {@code type} (or {@code action}) is missing is
   * checked as a track message when it has an {@code event}, else only for identity.
   */
  public List<Violation> validate(JsonNode message) {
    Findings findings = new Findings();
    MessageType type = MessageType.resolve(message);
    if (type == null) {
      type = message.hasNonNull(WireFields.EVENT) ? MessageType.TRACK : MessageType.IDENTIFY;
    }
    String label = type.wireName();
    if (type == MessageType.TRACK) {
      JsonNode event = message.get(WireFields.EVENT);
      label = event != null && event.isTextual() && !event.textValue().isBlank() ? event.textValue() : "track";
      checkTrack(message, label, event, findings);
    }
    checkIdentity(message, label, findings);
    return findings.list();
  }

  private static void checkIdentity(JsonNode message, String label, Findings findings) {
    if (!hasIdentity(message.get(WireFields.USER_ID)) && !hasIdentity(message.get(WireFields.ANONYMOUS_ID))) {
      findings.add(label, WireFields.USER_ID, MISSING_IDENTITY,
          "the message has neither userId nor anonymousId; send at least one");
    }
  }

  private static boolean hasIdentity(JsonNode id) {
    return id != null && (id.isNumber() || (id.isTextual() && !id.textValue().isBlank()));
  }

  private static void checkTrack(JsonNode message, String label, JsonNode event, Findings findings) {
    if (event == null || event.isNull()) {
      findings.add(label, WireFields.EVENT, MISSING_REQUIRED, "a track message needs an event name");
      return;
    }
    if (!event.isTextual()) {
      findings.add(label, WireFields.EVENT, WRONG_TYPE,
          "the event name must be a string, not " + JsonType.describe(event));
      return;
    }
    if (event.textValue().isBlank()) {
      // A required string, present but empty: invalid_value, as for a blank required property.
      // Like a missing name, it leaves no plan to check the properties against.
      findings.add(label, WireFields.EVENT, INVALID_VALUE, "the event name must not be empty or blank");
      return;
    }
    JsonNode properties = message.get(WireFields.PROPERTIES);
    if (properties != null && !properties.isNull() && !properties.isObject()) {
      findings.add(label, WireFields.PROPERTIES, WRONG_TYPE,
          "properties must be an object, not " + JsonType.describe(properties));
      properties = null;
    }
    SpecEvent spec = SpecEvent.exactly(label);
    if (spec != null) {
      checkPlan(message, properties, label, spec.properties(), findings);
      checkTopLevelRole(message, properties, label, spec.properties(), findings);
      checkExtensions(properties, label, spec.extensions(), findings);
      return;
    }
    Optional<SpecEvent> meant = SpecEvent.nearMiss(label);
    meant.ifPresent(m -> findings.add(label, WireFields.EVENT, UNKNOWN_EVENT_SIMILAR,
        "\"" + label + "\" is not a spec event; did you mean \"" + m.eventName() + "\"?"));
    checkPlan(message, properties, label, SpecEvent.OTHER_TRACK_PROPERTIES, findings);
  }

  private static void checkPlan(JsonNode message, JsonNode properties, String label,
      List<PropertySpec> plan, Findings findings) {
    for (PropertySpec spec : plan) {
      String name = spec.name();
      JsonNode value = properties == null ? null : properties.get(name);
      if (value == null && misplacedAtTop(message, name)) {
        value = message.get(name);
        findings.add(label, name, MISPLACED_PROPERTY, misplacedMessage(name));
      }
      if (value == null || value.isNull()) {
        if (properties == null || !properties.has(name)) {
          findMisnamed(properties, name, label, plan, findings);
        }
        if (spec.required()) {
          findings.add(label, "properties." + name, MISSING_REQUIRED, "\"" + name + "\" is required and missing");
        }
        continue;
      }
      if (!spec.type().matches(value)) {
        findings.add(label, "properties." + name, WRONG_TYPE, "\"" + name + "\" must be " + spec.type().description()
            + ", not " + JsonType.describe(value));
      } else if (spec.required() && value.isTextual() && value.textValue().isBlank()) {
        findings.add(label, "properties." + name, INVALID_VALUE, "\"" + name + "\" must not be empty");
      } else if (spec.type() == JsonType.INTEGER && value.asLong() < 0) {
        findings.add(label, "properties." + name, INVALID_VALUE, "\"" + name + "\" must not be negative");
      }
    }
  }

  /** Checks the extension properties that are present: their type, and no negative number. */
  private static void checkExtensions(JsonNode properties, String label, List<PropertySpec> extensions,
      Findings findings) {
    if (properties == null) {
      return;
    }
    for (PropertySpec spec : extensions) {
      JsonNode value = properties.get(spec.name());
      if (value == null || value.isNull()) {
        continue;
      }
      String path = "properties." + spec.name();
      if (!spec.type().matches(value)) {
        findings.add(label, path, WRONG_TYPE, "\"" + spec.name() + "\" must be " + spec.type().description()
            + ", not " + JsonType.describe(value));
      } else if (value.isNumber() && (value.doubleValue() < 0 || !Double.isFinite(value.doubleValue()))) {
        findings.add(label, path, INVALID_VALUE, "\"" + spec.name() + "\" must be a finite number, 0 or more");
      } else if (value.isTextual() && value.textValue().isBlank()) {
        findings.add(label, path, INVALID_VALUE, "\"" + spec.name() + "\" must not be empty");
      }
    }
  }

  /**
   * Flags a top-level {@code role} on a spec event whose plan has no {@code role} (Conversation
   * Started, Conversation Ended, Component Loaded, Feedback Submitted); {@link #checkPlan} flags
   * it on the others. The rule, for every spec event alike: a top-level {@code role} while
   * {@code properties} has no {@code role} is {@code misplaced_property} at path {@code role}
   * (the collector moves it into {@code properties}, where it is an extension property of these
   * events). Custom events and near-miss names are not copilot events: their top-level
   * {@code role} is just a field of their own.
   */
  private static void checkTopLevelRole(JsonNode message, JsonNode properties, String label,
      List<PropertySpec> plan, Findings findings) {
    if (isPlanProperty(plan, PropertyNames.ROLE) || !message.has(PropertyNames.ROLE)
        || (properties != null && properties.has(PropertyNames.ROLE))) {
      return;
    }
    findings.add(label, PropertyNames.ROLE, MISPLACED_PROPERTY, misplacedMessage(PropertyNames.ROLE));
  }

  private static String misplacedMessage(String name) {
    return "\"" + name + "\" belongs inside properties, not at the top level of the message";
  }

  /**
   * Whether a plan property stands at the top level of the message. Envelope fields never do,
   * except {@code action} when it is not the spec's synonym of {@code type} (that is, when
   * {@code type} is present or its value names no message type).
   */
  private static boolean misplacedAtTop(JsonNode message, String name) {
    JsonNode value = message.get(name);
    if (value == null) {
      return false;
    }
    if (name.equals(WireFields.ACTION)) {
      JsonNode type = message.get(WireFields.TYPE);
      boolean typeSynonym = (type == null || type.isNull()) && value.isTextual()
          && MessageType.fromWireName(value.textValue()).isPresent();
      return !typeSynonym;
    }
    return !WireFields.ENVELOPE.contains(name);
  }

  /** Flags the properties whose names are near misses of the absent plan property {@code meant}. */
  private static void findMisnamed(JsonNode properties, String meant, String label,
      List<PropertySpec> plan, Findings findings) {
    if (properties == null || properties.isEmpty()) {
      return;
    }
    for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (isPlanProperty(plan, name)) {
        continue;
      }
      if (NearMiss.isMisnamed(name, meant)) {
        findings.add(label, "properties." + name, MISNAMED_PROPERTY,
            "\"" + name + "\" looks like a misspelling; did you mean " + meant + "?");
      }
    }
  }

  private static boolean isPlanProperty(List<PropertySpec> plan, String name) {
    for (PropertySpec spec : plan) {
      if (spec.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Collects violations, allocating a list only for the first one. */
  private static final class Findings {
    private List<Violation> violations;

    void add(String event, String path, ViolationCode code, String message) {
      if (violations == null) {
        violations = new ArrayList<>(2);
      }
      violations.add(new Violation(event, path, code, message));
    }

    List<Violation> list() {
      return violations == null ? List.of() : List.copyOf(violations);
    }
  }
}
