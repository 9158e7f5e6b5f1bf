package dev.parley.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * One property of a spec event: its name, JSON type, whether it is required, and the
 * value the spec assumes when it is absent (only {@code role} has one).
 */
public record PropertySpec(String name, JsonType type, boolean required, Optional<String> defaultValue) {
  public PropertySpec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(defaultValue, "defaultValue == null");
  }

  static PropertySpec required(String name, JsonType type) {
    return new PropertySpec(name, type, true, Optional.empty());
  }

  static PropertySpec optional(String name, JsonType type) {
    return new PropertySpec(name, type, false, Optional.empty());
  }

  static PropertySpec optional(String name, JsonType type, String defaultValue) {
    return new PropertySpec(name, type, false, Optional.of(defaultValue));
  }
}
