package dev.parley.server.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads OTLP attribute values ({@link AnyValue}) as text, numbers, lists and JSON. */
final class AnyValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AnyValues() {}

  /** A string as it is; a number or boolean written as text; empty for anything else. */
  static Optional<String> text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> Optional.of(value.getStringValue());
      case INT_VALUE -> Optional.of(Long.toString(value.getIntValue()));
      case DOUBLE_VALUE -> Optional.of(Double.toString(value.getDoubleValue()));
      case BOOL_VALUE -> Optional.of(Boolean.toString(value.getBoolValue()));
      default -> Optional.empty();
    };
  }

  /** A whole number of 0 or more: an int, a double without fraction, or a string of digits. */
  static OptionalLong count(AnyValue value) {
    long n;
    switch (value.getValueCase()) {
      case INT_VALUE -> n = value.getIntValue();
      case DOUBLE_VALUE -> {
        double d = value.getDoubleValue();
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 1e15) {
          return OptionalLong.empty();
        }
        n = (long) d;
      }
      case STRING_VALUE -> {
        try {
          n = Long.parseLong(value.getStringValue().trim());
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
      default -> {
        return OptionalLong.empty();
      }
    }
    return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
  }

  /** The texts of an array value, or a single text as a list of one. */
  static List<String> texts(AnyValue value) {
    if (value.getValueCase() == AnyValue.ValueCase.ARRAY_VALUE) {
      List<String> list = new ArrayList<>();
      for (AnyValue item : value.getArrayValue().getValuesList()) {
        text(item).ifPresent(list::add);
      }
      return list;
    }
    return text(value).map(List::of).orElse(List.of());
  }

  /**
   * The texts of an array value; of a string written as a list ({@code ["STOP"]} or
   * {@code [stop, length]}, as Spring AI writes finish reasons), its items; else a single text
   * as a list of one.
   */
  static List<String> textList(AnyValue value) {
    Optional<String> single = value.getValueCase() == AnyValue.ValueCase.STRING_VALUE
        ? Optional.of(value.getStringValue().strip()) : Optional.empty();
    if (single.isEmpty() || !single.get().startsWith("[") || !single.get().endsWith("]")) {
      return texts(value);
    }
    List<String> list = new ArrayList<>();
    String inner = single.get().substring(1, single.get().length() - 1);
    for (String item : inner.split(",")) {
      String text = item.strip();
      if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
        text = text.substring(1, text.length() - 1).strip();
      }
      if (!text.isEmpty()) {
        list.add(text);
      }
    }
    return list;
  }

  /**
   * A structured value (an array or a key-value list) as JSON, for content written as
   * structured attributes rather than as a JSON string. Nesting is bounded by protobuf's own
   * recursion limit when the request was read.
   */
  static JsonNode json(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> NODES.textNode(value.getStringValue());
      case INT_VALUE -> NODES.numberNode(value.getIntValue());
      case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
      case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
      case ARRAY_VALUE -> {
        ArrayNode array = NODES.arrayNode();
        value.getArrayValue().getValuesList().forEach(item -> array.add(json(item)));
        yield array;
      }
      case KVLIST_VALUE -> {
        ObjectNode object = NODES.objectNode();
        for (KeyValue kv : value.getKvlistValue().getValuesList()) {
          object.set(kv.getKey(), json(kv.getValue()));
        }
        yield object;
      }
      default -> NODES.nullNode();
    };
  }
}
