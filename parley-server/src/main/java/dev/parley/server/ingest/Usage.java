package dev.parley.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.spec.PropertyNames;
import dev.parley.spec.SpecEvent;
import dev.parley.spec.WireFields;
import java.util.Optional;

/**
 * What a reply or a tool call used and cost, from the extension properties of Message
 * Received and Action Invoked. A value that is absent or breaks its rule (see the validator)
 * is null here: what is stored for analytics is only what can be counted.
 *
 * @param model the model's name
 * @param inputTokens tokens read, 0 or more
 * @param outputTokens tokens written, 0 or more
 * @param cost what it cost as sent, 0 or more, in the price table's currency
 */
public record Usage(String model, Long inputTokens, Long outputTokens, Double cost) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The usage of a stored message's body (its normalised JSON), for records written before
   * events carried usage; null when the event has no usage extensions or states none.
   */
  public static Usage fromBody(String event, String body) {
    SpecEvent spec = event == null ? null : SpecEvent.byName(event).orElse(null);
    if (spec == null || spec.extensions().isEmpty() || body == null) {
      return null;
    }
    try {
      return of(JSON.readTree(body).get(WireFields.PROPERTIES)).orElse(null);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The usage that {@code properties} state, or empty when they state none. */
  static Optional<Usage> of(JsonNode properties) {
    if (properties == null || !properties.isObject()) {
      return Optional.empty();
    }
    JsonNode modelNode = properties.get(PropertyNames.MODEL);
    String model = modelNode != null && modelNode.isTextual() && !modelNode.textValue().isBlank()
        ? modelNode.textValue() : null;
    Long input = tokens(properties.get(PropertyNames.INPUT_TOKENS));
    Long output = tokens(properties.get(PropertyNames.OUTPUT_TOKENS));
    JsonNode costNode = properties.get(PropertyNames.COST);
    Double cost = costNode != null && costNode.isNumber() && Double.isFinite(costNode.doubleValue())
        && costNode.doubleValue() >= 0 ? costNode.doubleValue() : null;
    if (model == null && input == null && output == null && cost == null) {
      return Optional.empty();
    }
    return Optional.of(new Usage(model, input, output, cost));
  }

  private static Long tokens(JsonNode node) {
    if (node == null || !node.isNumber() || !(node.isIntegralNumber() || node.canConvertToExactIntegral())
        || !node.canConvertToLong()) {
      return null;
    }
    long n = node.longValue();
    return n >= 0 ? n : null;
  }
}
