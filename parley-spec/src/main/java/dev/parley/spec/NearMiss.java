package dev.parley.spec;

/**
 * The near-miss rules of the spec notes: names are compared in a normal form (lower case,
 * without spaces, {@code _} and {@code -}) and may differ by one Damerau-Levenshtein edit.
 */
public final class NearMiss {
  private NearMiss() {}

  /** Lower-cases a name and removes spaces, underscores and hyphens. */
  public static String normalise(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != ' ' && c != '_' && c != '-') {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  /**
   * Whether a property name is a near miss of the spec property name {@code meant}, the rule of
   * {@code misnamed_property}: the same in normal form ({@code messageBody} for
   * {@code message_body}) or, when {@code meant} has 8 characters or more, one edit away in
   * normal form ({@code message_bdy}). The spec name itself is not a near miss of itself.
   */
  public static boolean isMisnamed(String name, String meant) {
    if (name.equals(meant)) {
      return false;
    }
    String normal = normalise(name);
    String meantNormal = normalise(meant);
    return normal.equals(meantNormal) || (meant.length() >= 8 && withinOneEdit(normal, meantNormal));
  }

  /**
   * Whether two strings are equal or one edit apart: one character inserted, removed or
   * changed, or two neighbours swapped. Runs in linear time without allocating.
   */
  public static boolean withinOneEdit(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int prefix = 0;
    int shorter = Math.min(la, lb);
    while (prefix < shorter && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    if (prefix == la && prefix == lb) {
      return true;
    }
    if (la == lb) {
      // One substitution, or one transposition of neighbours.
      if (regionEquals(a, prefix + 1, b, prefix + 1)) {
        return true;
      }
      return prefix + 1 < la
          && a.charAt(prefix) == b.charAt(prefix + 1)
          && a.charAt(prefix + 1) == b.charAt(prefix)
          && regionEquals(a, prefix + 2, b, prefix + 2);
    }
    // One insertion into the shorter string.
    return la > lb ? regionEquals(a, prefix + 1, b, prefix) : regionEquals(a, prefix, b, prefix + 1);
  }

  private static boolean regionEquals(String a, int fromA, String b, int fromB) {
    int length = a.length() - fromA;
    return length == b.length() - fromB && a.regionMatches(fromA, b, fromB, length);
  }
}
