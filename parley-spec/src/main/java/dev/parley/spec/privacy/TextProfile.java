package dev.parley.spec.privacy;

/**
 * What one cheap pass over a text found, so that a masking rule runs its regular expression
 * only on text that could hold a match. Each figure is a necessary condition of a rule's
 * pattern (never a sufficient one), so skipping a rule never misses a value.
 *
 * @param ats count of {@code @}
 * @param dots count of {@code .}
 * @param hyphens count of {@code -}
 * @param cardRun most digits in a stretch where digits are separated by at most one space or
 *     hyphen (card numbers, SSNs)
 * @param phoneRun most digits in a stretch where digits are separated by at most three of
 *     {@code + . - ( )} and space (phone numbers)
 * @param ipv4Dots most dots in a stretch of digits and dots
 * @param ipv6Colons most colons in a stretch of hexadecimal digits and colons
 * @param ibanStart whether two capital letters are followed by two digits somewhere
 */
record TextProfile(int ats, int dots, int hyphens, int cardRun, int phoneRun, int ipv4Dots, int ipv6Colons,
    boolean ibanStart) {

  static TextProfile of(String text) {
    int ats = 0;
    int dots = 0;
    int hyphens = 0;
    int card = 0;
    int cardMax = 0;
    int cardGap = 0;
    int phone = 0;
    int phoneMax = 0;
    int phoneGap = 0;
    int ipDots = 0;
    int ipMax = 0;
    int colons = 0;
    int colonMax = 0;
    boolean iban = false;
    char prev1 = 0;
    char prev2 = 0;
    char prev3 = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (c == '@') {
        ats++;
      } else if (c == '.') {
        dots++;
      } else if (c == '-') {
        hyphens++;
      }
      // card / SSN: digits with single space or hyphen separators
      if (digit) {
        card++;
        cardGap = 0;
        cardMax = Math.max(cardMax, card);
      } else if ((c == ' ' || c == '-') && cardGap == 0 && card > 0) {
        cardGap = 1;
      } else {
        card = 0;
        cardGap = 0;
      }
      // phone: digits with up to three of "+.-() " between them
      if (digit) {
        phone++;
        phoneGap = 0;
        phoneMax = Math.max(phoneMax, phone);
      } else if ((c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '+') && phoneGap < 3) {
        phoneGap++;
      } else {
        phone = 0;
        phoneGap = 0;
      }
      // IPv4: digits and dots
      if (c == '.' && (digit(prev1) || ipDots > 0)) {
        ipDots++;
        ipMax = Math.max(ipMax, ipDots);
      } else if (!digit) {
        ipDots = 0;
      }
      // IPv6: hex digits and colons
      if (c == ':') {
        colons++;
        colonMax = Math.max(colonMax, colons);
      } else if (!(digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        colons = 0;
      }
      if (digit && digit(prev1) && upper(prev2) && upper(prev3)) {
        iban = true;
      }
      prev3 = prev2;
      prev2 = prev1;
      prev1 = c;
    }
    return new TextProfile(ats, dots, hyphens, cardMax, phoneMax, ipMax, colonMax, iban);
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
