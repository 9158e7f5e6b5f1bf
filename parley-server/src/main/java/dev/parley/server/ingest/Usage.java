package dev.parley.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.spec.PropertyNames;
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
