package dev.parley.spec.privacy;

import java.math.BigInteger;

/** The check digits that tell a card number or IBAN from any other run of digits. */
final class Checksums {
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private Checksums() {}

  /** Luhn's check over the digits of {@code text}, ignoring spaces and hyphens. */
  static boolean luhn(CharSequence text) {
    int sum = 0;
    int digits = 0;
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      digits++;
    }
    return digits >= 12 && sum % 10 == 0;
  }

  /** ISO 13616's mod-97 check of an IBAN, ignoring spaces. */
  static boolean iban(CharSequence text) {
    StringBuilder compact = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ') {
        compact.append(Character.toUpperCase(c));
      }
    }
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    StringBuilder numeric = new StringBuilder(rearranged.length() * 2);
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (c >= '0' && c <= '9') {
        numeric.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        numeric.append(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}
