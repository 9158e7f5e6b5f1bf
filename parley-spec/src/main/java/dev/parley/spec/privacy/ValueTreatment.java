package dev.parley.spec.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What one content mode does to the JSON values of a message, in place. Each method returns how
 * many values it changed. Immutable and thread-safe.
 */
final class ValueTreatment {
  private final ContentMode mode;
  private final UnaryOperator<String> treat;

  /** The treatment of {@code mode}, {@code treat} being what it does to one text ({@link ContentPolicy#treat}). */
  ValueTreatment(ContentMode mode, UnaryOperator<String> treat) {
    this.mode = mode;
    this.treat = treat;
  }

  /**
   * Treats a message body in any form. Drop and hash take the whole value as one text (a
   * number as its digits, an object or array as its JSON); mask masks every key, string and
   * number in it, a number becoming a string when masking changed it.
   */
  int body(ObjectNode parent, String name) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return 0;
    }
    return switch (mode) {
      case KEEP -> 0;
      case MASK -> maskValue(parent, name, value, true);
      case HASH, DROP -> whole(parent, name, text(value));
    };
  }

  /** Treats every string and number of the value at {@code name}; object keys are kept. */
  int leaves(ObjectNode parent, String name, FieldFilter skip) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.isTextual() || value.isNumber()) {
      return mode == ContentMode.MASK ? maskValue(parent, name, value, false) : whole(parent, name, text(value));
    }
    if (value instanceof ObjectNode object) {
      int changed = 0;
      for (String field : names(object)) {
        if (!skip.skips(object, field)) {
          changed += leaves(object, field, skip);
        }
      }
      return changed;
    }
    if (value instanceof ArrayNode array) {
      return arrayLeaves(array, skip);
    }
    return 0;
  }

  /** Fields that {@link #leaves} leaves alone (a message body among configured paths is treated once, as a body). */
  interface FieldFilter {
    boolean skips(ObjectNode parent, String name);
  }

  private int arrayLeaves(ArrayNode array, FieldFilter skip) {
    int changed = 0;
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (item.isTextual() || item.isNumber()) {
        String text = text(item);
        String treated = treat.apply(text);
        if (!treated.equals(text)) {
          array.set(i, array.textNode(treated));
          changed++;
        }
      } else if (item instanceof ObjectNode object) {
        for (String field : names(object)) {
          if (!skip.skips(object, field)) {
            changed += leaves(object, field, skip);
          }
        }
      } else if (item instanceof ArrayNode inner) {
        changed += arrayLeaves(inner, skip);
      }
    }
    return changed;
  }

  /** Hash or drop: the value becomes the treated text; drop keeps the length beside it. */
  private int whole(ObjectNode parent, String name, String text) {
    String lengthName = name + ContentPolicy.LENGTH_SUFFIX;
    if (mode == ContentMode.DROP) {
      if (ContentPolicy.DROPPED.equals(text) && parent.has(lengthName)) {
        return 0; // dropped before (by the app's SDK): the length beside it is the real one
      }
      parent.put(lengthName, text.length());
    }
    parent.put(name, treat.apply(text));
    return 1;
  }

  private int maskValue(ObjectNode parent, String name, JsonNode value, boolean keys) {
    if (value.isTextual() || value.isNumber()) {
      String text = text(value);
      String masked = treat.apply(text);
      if (masked.equals(text)) {
        return 0;
      }
      parent.put(name, masked);
      return 1;
    }
    return keys ? maskContainer(value) : 0;
  }

  /** Masks every key, string and number inside an object or array. */
  private int maskContainer(JsonNode container) {
    int changed = 0;
    if (container instanceof ObjectNode object) {
      for (String field : names(object)) {
        changed += maskValue(object, field, object.get(field), true);
      }
      changed += maskKeys(object);
    } else if (container instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        if (item.isTextual() || item.isNumber()) {
          String text = text(item);
          String masked = treat.apply(text);
          if (!masked.equals(text)) {
            array.set(i, array.textNode(masked));
            changed++;
          }
        } else {
          changed += maskContainer(item);
        }
      }
    }
    return changed;
  }

  /** Renames the keys that hold personal data, in order; a key masked like an earlier one gets {@code #2}, {@code #3}... */
  private int maskKeys(ObjectNode object) {
    Map<String, JsonNode> renamed = new LinkedHashMap<>();
    int changed = 0;
    for (String key : names(object)) {
      String masked = treat.apply(key);
      String unique = masked;
      for (int n = 2; renamed.containsKey(unique); n++) {
        unique = masked + "#" + n;
      }
      if (!unique.equals(key)) {
        changed++;
      }
      renamed.put(unique, object.get(key));
    }
    if (changed > 0) {
      object.removeAll();
      object.setAll(renamed);
    }
    return changed;
  }

  private static List<String> names(ObjectNode object) {
    List<String> names = new ArrayList<>(object.size());
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A value as text: a string as itself, a number as its digits (never in exponent form), anything else as JSON. */
  static String text(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() || !Double.isFinite(value.doubleValue())
          ? value.asText() : value.decimalValue().toPlainString();
    }
    return value.toString();
  }
}
