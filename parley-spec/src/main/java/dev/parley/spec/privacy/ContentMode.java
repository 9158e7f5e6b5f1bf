package dev.parley.spec.privacy;

import java.util.Locale;

/** What happens to conversation text ({@code message_body} and configured paths) before it is kept. */
public enum ContentMode {
  /** The text is kept as sent. */
  KEEP,
  /** Detected personal data is replaced by typed placeholders such as {@code [EMAIL]}. */
  MASK,
  /** The text is replaced by a keyed HMAC-SHA256, so equal texts still group together. */
  HASH,
  /** The text is removed; only its length is kept. */
  DROP;

  /** Parses {@code keep|mask|hash|drop}, ignoring case. */
  public static ContentMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown content mode \"" + value + "\"; use keep, mask, hash or drop");
    }
  }

  /** The name in configuration: {@code keep}, {@code mask}, {@code hash} or {@code drop}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
