package dev.parley.spec.privacy;

import static dev.parley.spec.privacy.CountingText.readsToMask;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Masking reads each character of a text a bounded number of times, whatever the text: crafted
 * inputs that make a backtracking pattern retry from every position cost no more per character
 * at 32 KB than at 4 KB. Work is counted in characters read by the patterns, never in time.
 */
class PiiMaskerLinearityTest {
  /** Reads per character allowed; the costliest built-in pattern (phone) needs about 125 on its worst input below. */
  private static final long READS_PER_CHAR = 200;
  private static final int[] SIZES = {4 * 1024, 8 * 1024, 32 * 1024};
  /** Makes every built-in pattern worth trying (see {@link TextProfile}), so that each one runs over the whole text. */
  private static final String EVERY_KIND = " @. AB12 1-1-1-1-1-1-1-1-1-1-1-1 1.1.1.1 1::1 ";

  private final PiiMasker masker = PiiMasker.standard();

  static Stream<Arguments> adversarialTexts() {
    return Stream.of(
        // e-mail: long runs of what the local part and domain accept, near misses, repeated "a@"
        Arguments.of("email", "a"),
        Arguments.of("email", "a."),
        Arguments.of("email", "1-"),
        Arguments.of("email", "a@"),
        Arguments.of("email", "a@a."),
        Arguments.of("email", "@a."),
        Arguments.of("email", ".@"),
        Arguments.of("email", "ü"),
        Arguments.of("email", "a%+-_."),
        Arguments.of("email", "a".repeat(64) + "@" + "a.".repeat(130) + "x "),
        Arguments.of("email", "a".repeat(70) + "@" + "a".repeat(300) + " "),
        Arguments.of("email", "a@b.c"),
        Arguments.of("email", "jürgen.müller@exämple.d "),
        // IBAN: country code and check digits, groups of four, almost long enough
        Arguments.of("iban", "AB12"),
        Arguments.of("iban", "AB12 "),
        Arguments.of("iban", "AB12 ABCD "),
        Arguments.of("iban", "DE89 3704 0044 0532 0130 01 "),
        Arguments.of("iban", "GB82WEST"),
        // card and SSN: digit runs, single separators, near misses of the Luhn check
        Arguments.of("card", "1"),
        Arguments.of("card", "1-"),
        Arguments.of("card", "1 "),
        Arguments.of("card", "11-"),
        Arguments.of("card", "4111 1111 1111 1112 "),
        Arguments.of("card", "11111- 11 1 1 11-11-1111111"),
        Arguments.of("ssn", "123-45-"),
        Arguments.of("ssn", "123-"),
        Arguments.of("ssn", "123-45-67890-"),
        Arguments.of("ssn", "000-12-3456 "),
        // IPv4 and IPv6: digits and dots, hex digits and colons
        Arguments.of("ipv4", "1."),
        Arguments.of("ipv4", "255."),
        Arguments.of("ipv4", "1.1.1.1."),
        Arguments.of("ipv4", "999.1.1."),
        Arguments.of("ipv6", "1:"),
        Arguments.of("ipv6", "a:"),
        Arguments.of("ipv6", "1::"),
        Arguments.of("ipv6", "ffff:"),
        Arguments.of("ipv6", "1:1:1:1:1:1:1:1:"),
        Arguments.of("ipv6", "111-"),
        // phone and dates: digit groups of every split, prefixes, brackets, repeated separators
        Arguments.of("phone", "12 "),
        Arguments.of("phone", "+1 "),
        Arguments.of("phone", "(1)"),
        Arguments.of("phone", "123."),
        Arguments.of("phone", "(12) "),
        Arguments.of("phone", " 12345678901234567890x"),
        Arguments.of("phone", "+123 (1234) 1234123412341234123x "),
        Arguments.of("phone", "11111111111111.1111.1111111"),
        Arguments.of("phone", "+1 (1) 1234123412341234x "),
        Arguments.of("date", "2026-11-20 "),
        Arguments.of("date", "1/1/"),
        Arguments.of("date", "12/12/2026 "),
        Arguments.of("date", "2026.1.1."));
  }

  @ParameterizedTest(name = "{0}: \"{1}\" repeated")
  @MethodSource("adversarialTexts")
  void maskingReadsEachCharacterABoundedNumberOfTimes(String kind, String unit) {
    long[] reads = new long[SIZES.length];
    for (int i = 0; i < SIZES.length; i++) {
      String text = repeatTo(unit, SIZES[i]) + EVERY_KIND;
      reads[i] = readsToMask(masker, text);
      assertThat(reads[i]).as("reads for %d characters", SIZES[i]).isLessThanOrEqualTo(READS_PER_CHAR * SIZES[i]);
    }
    assertThat(reads[2]).as("a pattern ran over the text").isGreaterThanOrEqualTo(SIZES[2]);
    assertThat(reads[1]).as("reads for twice the text").isLessThanOrEqualTo(grown(reads[0], 2));
    assertThat(reads[2]).as("reads for four times the text").isLessThanOrEqualTo(grown(reads[1], 4));
  }

  @Test
  void aLongWordBeforeALoneAtCostsLinearWork() {
    String text = "a".repeat(31_000) + "@a .";
    assertThat(readsToMask(masker, text)).isBetween((long) text.length(), READS_PER_CHAR * text.length());
    assertThat(masker.mask(text)).isSameAs(text);
  }

  @Test
  void manyAddressesInOneTextCostLinearWork() {
    String text = "write to jane.doe@example.com or +44 20 7946 0958, ".repeat(2_000);
    assertThat(readsToMask(masker, text)).isLessThanOrEqualTo(READS_PER_CHAR * text.length());
    assertThat(masker.mask(text)).isEqualTo("write to [EMAIL] or [PHONE], ".repeat(2_000));
  }

  private static String repeatTo(String unit, int length) {
    return unit.repeat(length / unit.length() + 1).substring(0, length);
  }

  /** The reads expected when the text grows by {@code factor}, with 10% and a few hundred reads of slack. */
  private static long grown(long reads, int factor) {
    return (long) (reads * factor * 1.1) + 500;
  }
}
