package dev.parley.spec.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The e-mail addresses in one text, found in time linear in the text. Not thread-safe: one per text.
 *
 * <p>The search starts only at an {@code @}: the local part is the whole run of local-part
 * characters before it (however long: a local part over RFC 5321's 64 characters is still
 * masked whole), the domain a pattern bounded by RFC 1035's limits (253 characters, a top-level
 * domain of 2 to 63 letters). Neither part can hold an {@code @}, so the characters read for
 * one {@code @} are never read again for another.
 *
 * <p>Letters, marks and digits of every script written with spaces between words count, so
 * internationalised addresses ({@code jürgen.müller@exämple.de}) are masked whole. Scripts
 * written without spaces (Han, kana, Thai) do not, so that the words next to an address in
 * such a sentence are kept.
 */
final class EmailMatches implements PiiMasker.Matches {
  /** Letters, marks and digits outside ASCII, of the scripts written with spaces; as {@link #spacedScriptWord}. */
  private static final String NON_ASCII = "[\\x{80}-\\x{10FFFF}&&[\\p{L}\\p{M}\\p{N}]"
      + "&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}]]";
  private static final String NON_ASCII_LETTER = "[\\x{80}-\\x{10FFFF}&&[\\p{L}\\p{M}]"
      + "&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}]]";
  /** From the {@code @} to the end of the domain. */
  private static final Pattern DOMAIN = Pattern.compile(
      "@[A-Za-z0-9.\\-" + NON_ASCII + "]{1,253}\\.[A-Za-z" + NON_ASCII_LETTER + "]{2,63}");

  private final CharSequence text;
  private final Matcher domain;
  private int from;
  private int start = -1;
  private int end = -1;

  EmailMatches(CharSequence text) {
    this.text = text;
    this.domain = DOMAIN.matcher(text);
  }

  @Override
  public boolean find() {
    for (int at = indexOfAt(from); at >= 0; at = indexOfAt(at + 1)) {
      int local = localPartStart(at);
      if (local < at && domain.region(at, text.length()).lookingAt()) {
        start = local;
        end = domain.end();
        from = end;
        return true;
      }
    }
    from = text.length();
    return false;
  }

  @Override
  public int start() {
    return start;
  }

  @Override
  public int end() {
    return end;
  }

  private int indexOfAt(int fromIndex) {
    for (int i = fromIndex; i < text.length(); i++) {
      if (text.charAt(i) == '@') {
        return i;
      }
    }
    return -1;
  }

  /** The start of the run of local-part characters that ends at {@code at}, not before {@link #from}. */
  private int localPartStart(int at) {
    int i = at;
    while (i > from) {
      int cp = Character.codePointBefore(text, i);
      if (!localPart(cp)) {
        break;
      }
      i -= Character.charCount(cp);
    }
    return Math.max(i, from);
  }

  private static boolean localPart(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
          || cp == '.' || cp == '_' || cp == '%' || cp == '+' || cp == '-';
    }
    return spacedScriptWord(cp);
  }

  /** Whether a non-ASCII code point is a letter, mark or digit of a script written with spaces; as {@link #NON_ASCII}. */
  private static boolean spacedScriptWord(int cp) {
    int type = Character.getType(cp);
    boolean word = Character.isLetter(cp)
        || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    if (!word) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
        && script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.THAI;
  }
}
