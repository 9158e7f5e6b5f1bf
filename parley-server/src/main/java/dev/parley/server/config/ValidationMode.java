package dev.parley.server.config;

import java.util.Locale;

/** What the collector does with a message that breaks the tracking plan. */
public enum ValidationMode {
  /** Store the message and record its violations (the default). */
  FLAG,
  /** Refuse the message, record its violations, and store the rest of the batch. */
  BLOCK;

  /** The name used in flags, environment and {@code parley.yml}: {@code flag} or {@code block}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code flag} or {@code block}, ignoring case. */
  public static ValidationMode parse(String text) {
    for (ValidationMode mode : values()) {
      if (mode.wireName().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("validation mode must be flag or block, not \"" + text + "\"");
  }
}
