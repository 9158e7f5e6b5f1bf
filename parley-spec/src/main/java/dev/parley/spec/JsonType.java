package dev.parley.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON types the tracking plan gives its properties. */
public enum JsonType {
  STRING("a string"),
  NUMBER("a number"),
  /** A JSON number with no fractional part ({@code 2} or {@code 2.0}, not {@code 2.5}). */
  INTEGER("an integer");

  private final String description;

  JsonType(String description) {
    this.description = description;
  }

  /** Says the type in a sentence: "a string". */
  public String description() {
    return description;
  }

  /** Whether a non-null node has this type. */
  public boolean matches(JsonNode node) {
    return switch (this) {
      case STRING -> node.isTextual();
      case NUMBER -> node.isNumber();
      case INTEGER -> node.isIntegralNumber() || (node.isNumber() && node.canConvertToExactIntegral());
    };
  }

  /** Describes what a node actually is, for a violation's sentence. */
  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
