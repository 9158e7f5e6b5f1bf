package dev.parley.server.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@code attribution?by=} groups conversations by. */
public enum AttributionKind {
  /** An Action Invoked's {@code type/action}. */
  ACTION,
  /** A Component Loaded's {@code type}. */
  COMPONENT,
  /** A Media Generated's {@code type/sub_type}. */
  MEDIA,
  /** The {@code model} of a Message Received or Action Invoked. */
  MODEL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AttributionKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(AttributionKind::wireName).toList();
  }
}
