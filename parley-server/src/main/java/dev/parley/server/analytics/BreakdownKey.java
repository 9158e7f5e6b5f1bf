package dev.parley.server.analytics;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a breakdown groups by: the role (for feedback, the rated message's role), the
 * item type of actions, media and components, the event name, or one trait of the
 * person from their latest identify ({@code userTrait.plan}).
 */
public record BreakdownKey(String by, Optional<String> trait) {
  /** The accepted forms of {@code by}, for error messages. */
  public static final List<String> FORMS = List.of("role", "type", "event", "userTrait.<name>");

  /** The kinds of key; each has its own query ({@code breakdown-<kind>.sql}). */
  static final List<String> KINDS = List.of("role", "type", "event", "trait");

  private static final Pattern TRAIT_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  /** The key written as {@code role}, {@code type}, {@code event} or {@code userTrait.<name>}. */
  public static Optional<BreakdownKey> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (List.of("role", "type", "event").contains(text)) {
      return Optional.of(new BreakdownKey(text, Optional.empty()));
    }
    if (text.startsWith("userTrait.")) {
      String name = text.substring("userTrait.".length());
      if (TRAIT_NAME.matcher(name).matches()) {
        return Optional.of(new BreakdownKey("trait", Optional.of(name)));
      }
    }
    return Optional.empty();
  }
}
