package dev.parley.spec.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in text with typed placeholders: {@code [EMAIL]}, {@code [CARD]}
 * (Luhn-valid numbers only), {@code [IBAN]} (mod-97-valid only), {@code [SSN]}, {@code [IP]},
 * {@code [PHONE]}, and custom patterns from the configuration.
 *
 * <p>One cheap pass ({@link TextProfile}) measures runs of digits, dots and colons; a pattern
 * runs only on text that could hold its kind, so ordinary text costs no regular expression.
 * Every built-in pattern costs time linear in the text, whatever the text. Custom patterns run
 * as written, with a budget of {@value #CUSTOM_READS_PER_CHAR} character reads per character of
 * the text (plus {@value #CUSTOM_READS_FIXED}); a custom pattern that spends it on a text (one
 * that backtracks without bound, such as {@code (a+)+b}) replaces the whole text with its
 * placeholder, so that nothing it might have matched stays in clear. Immutable and thread-safe.
 */
public final class PiiMasker {
  /** A rule's candidate matches in one text, left to right; {@link java.util.regex.Matcher} is one. */
  interface Matches {
    /** Moves to the next match; false when there is none. */
    boolean find();

    int start();

    int end();
  }

  private record Rule(String placeholder, Function<CharSequence, Matches> matches, Predicate<TextProfile> worthTrying,
      Predicate<String> accept) {
    Rule(String placeholder, Pattern pattern, Predicate<TextProfile> worthTrying, Predicate<String> accept) {
      this(placeholder, text -> regexMatches(pattern.matcher(text)), worthTrying, accept);
    }
  }

  private static final List<Rule> BUILT_IN = List.of(
      new Rule(PiiKind.EMAIL.placeholder(), EmailMatches::new, p -> p.ats() > 0 && p.dots() > 0, m -> true),
      new Rule(PiiKind.IBAN.placeholder(),
          Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"),
          TextProfile::ibanStart, Checksums::iban),
      new Rule(PiiKind.CARD.placeholder(),
          Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){11,18}(?![\\d-])"),
          p -> p.cardRun() >= 12, Checksums::luhn),
      new Rule(PiiKind.SSN.placeholder(),
          Pattern.compile("(?<!\\d)(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?!\\d)"),
          p -> p.cardRun() >= 9 && p.hyphens() >= 2, m -> true),
      new Rule(PiiKind.IP.placeholder(),
          Pattern.compile("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\d.])"),
          p -> p.ipv4Dots() >= 3, m -> true),
      new Rule(PiiKind.IP.placeholder(),
          Pattern.compile("(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])"
              + "|(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?![0-9A-Fa-f:])"),
          p -> p.ipv6Colons() >= 2, m -> true),
      new Rule(PiiKind.PHONE.placeholder(),
          Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]?\\d{2,4}){2,4}(?!\\w)"),
          p -> p.phoneRun() >= 7, PiiMasker::plausiblePhone));

  private static final Pattern DATE = Pattern.compile("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{4}");

  /** Character reads a custom pattern may make per character of a text. */
  static final long CUSTOM_READS_PER_CHAR = 256;
  /** Character reads a custom pattern may make on any text, however short. */
  static final long CUSTOM_READS_FIXED = 65_536;

  private static final PiiMasker STANDARD = new PiiMasker(List.of());

  private final List<Rule> custom;

  private PiiMasker(List<Rule> custom) {
    this.custom = custom;
  }

  /** A masker with the built-in kinds only. */
  public static PiiMasker standard() {
    return STANDARD;
  }

  /**
   * A masker with the built-in kinds and custom patterns; each match of a custom pattern is
   * replaced by {@code [NAME]}, with the name upper-cased. Custom patterns run first, each
   * within its read budget (see the class comment).
   */
  public static PiiMasker withCustomPatterns(Map<String, String> namedRegexes) {
    Objects.requireNonNull(namedRegexes, "namedRegexes == null");
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, String> entry : new LinkedHashMap<>(namedRegexes).entrySet()) {
      String name = entry.getKey().trim().toUpperCase(java.util.Locale.ROOT);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a custom pattern needs a name");
      }
      rules.add(new Rule("[" + name + "]", Pattern.compile(entry.getValue()), p -> true, m -> true));
    }
    return new PiiMasker(List.copyOf(rules));
  }

  /** Returns the text with every detected value replaced; the same instance when nothing matched. */
  public String mask(String text) {
    return mask(text, t -> t);
  }

  /** As {@link #mask(String)}, the patterns reading each text through {@code view} (tests count the reads). */
  String mask(String text, Function<String, CharSequence> view) {
    String result = text;
    for (Rule rule : custom) {
      result = applyWithinBudget(rule, result, view);
    }
    TextProfile profile = TextProfile.of(result);
    for (Rule rule : BUILT_IN) {
      if (rule.worthTrying().test(profile)) {
        String masked = apply(rule, result, view);
        if (masked != result) {
          result = masked;
          profile = TextProfile.of(result);
        }
      }
    }
    return result;
  }

  private static String applyWithinBudget(Rule rule, String text, Function<String, CharSequence> view) {
    long budget = CUSTOM_READS_PER_CHAR * text.length() + CUSTOM_READS_FIXED;
    try {
      return apply(rule, text, t -> ReadBudget.of(view.apply(t), budget));
    } catch (ReadBudget.Exhausted | StackOverflowError e) {
      // A pattern that cannot finish cannot say where its matches are: none of the text is kept.
      // java.util.regex recurses once per repetition of some groups, so a long text can also
      // overflow the stack; that is caught here for the same reason, and leaves no state behind.
      return rule.placeholder();
    }
  }

  private static String apply(Rule rule, String text, Function<String, CharSequence> view) {
    Matches matcher = rule.matches().apply(view.apply(text));
    StringBuilder out = null;
    int last = 0;
    while (matcher.find()) {
      String match = text.substring(matcher.start(), matcher.end());
      if (!rule.accept().test(match)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, matcher.start()).append(rule.placeholder());
      last = matcher.end();
    }
    if (out == null) {
      return text;
    }
    return out.append(text, last, text.length()).toString();
  }

  private static Matches regexMatches(Matcher matcher) {
    return new Matches() {
      @Override
      public boolean find() {
        return matcher.find();
      }

      @Override
      public int start() {
        return matcher.start();
      }

      @Override
      public int end() {
        return matcher.end();
      }
    };
  }

  /** A phone number has 7 to 15 digits (E.164) and is not a date, a plain year or an amount. */
  private static boolean plausiblePhone(String match) {
    if (DATE.matcher(match).matches()) {
      return false;
    }
    int digits = 0;
    boolean separated = false;
    for (int i = 0; i < match.length(); i++) {
      char c = match.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else {
        separated = true;
      }
    }
    return digits >= 7 && digits <= 15 && (separated || digits >= 10);
  }
}
