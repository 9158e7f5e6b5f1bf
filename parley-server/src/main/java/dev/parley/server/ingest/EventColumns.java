package dev.parley.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.MessageType;
import dev.parley.spec.PropertyNames;
import dev.parley.spec.PropertySpec;
import dev.parley.spec.SpecEvent;
import dev.parley.spec.Violation;
import dev.parley.spec.WireFields;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Reads the typed columns of the {@code events} table out of a normalised message. */
final class EventColumns {
  private EventColumns() {}

  static NormalisedEvent of(ObjectNode message, MessageType type, String source, String messageId,
      String userId, String anonymousId, Instant timestamp, Instant original, Instant sentAt, Instant receivedAt,
      ObjectMapper json, List<Violation> violations) {
    // A blank name is kept as sent, like any other: the validator has flagged it invalid_value.
    String event = type == MessageType.TRACK ? text(message.get(WireFields.EVENT)) : null;
    JsonNode p = type == MessageType.TRACK ? message.get(WireFields.PROPERTIES) : null;
    if (p != null && !p.isObject()) {
      p = null;
    }
    return new NormalisedEvent(source, messageId, type.wireName(), event, userId, anonymousId,
        Normaliser.identity(message.get(WireFields.PREVIOUS_ID)),
        property(p, PropertyNames.CONVERSATION_ID), property(p, PropertyNames.MESSAGE_ID),
        role(p, event), property(p, PropertyNames.MESSAGE_BODY), property(p, PropertyNames.TYPE),
        property(p, PropertyNames.ACTION), property(p, PropertyNames.SUB_TYPE), rating(p), messageCount(p),
        timestamp, original, sentAt, receivedAt, write(json, message), violations, usage(event, p));
  }

  private static Usage usage(String event, JsonNode properties) {
    SpecEvent spec = event == null ? null : SpecEvent.byName(event).orElse(null);
    return spec == null || spec.extensions().isEmpty() ? null : Usage.of(properties).orElse(null);
  }

  private static String role(JsonNode properties, String event) {
    String role = property(properties, PropertyNames.ROLE);
    if (role != null || event == null) {
      return role;
    }
    return SpecEvent.byName(event).flatMap(spec -> spec.property(PropertyNames.ROLE))
        .flatMap(PropertySpec::defaultValue).orElse(null);
  }

  private static String property(JsonNode properties, String name) {
    return properties == null ? null : text(properties.get(name));
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static Double rating(JsonNode properties) {
    JsonNode rating = properties == null ? null : properties.get(PropertyNames.RATING);
    return rating != null && rating.isNumber() ? rating.doubleValue() : null;
  }

  private static Long messageCount(JsonNode properties) {
    JsonNode count = properties == null ? null : properties.get(PropertyNames.MESSAGE_COUNT);
    return count != null && count.isIntegralNumber() && count.canConvertToLong() ? count.longValue() : null;
  }

  private static String write(ObjectMapper json, ObjectNode message) {
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
