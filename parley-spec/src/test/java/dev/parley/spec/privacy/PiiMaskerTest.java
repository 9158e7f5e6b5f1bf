package dev.parley.spec.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiMaskerTest {
  private final PiiMasker masker = PiiMasker.standard();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mail me at jane.doe+copilot@example.co.uk please | mail me at [EMAIL] please",
      "card 4111 1111 1111 1111 exp 12/29 | card [CARD] exp 12/29",
      "card 4111-1111-1111-1111. | card [CARD].",
      "my iban is DE89 3704 0044 0532 0130 00 ok | my iban is [IBAN] ok",
      "GB82WEST12345698765432 | [IBAN]",
      "ssn 123-45-6789 | ssn [SSN]",
      "from 192.168.10.254 today | from [IP] today",
      "v6 2001:db8:85a3::8a2e:370:7334 here | v6 [IP] here",
      "call +44 20 7946 0958 now | call [PHONE] now",
      "call (415) 555-0132 | call [PHONE]",
      "ring 415.555.0132 | ring [PHONE]",
  })
  void masksEachKind(String text, String expected) {
    assertThat(masker.mask(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "write to user@mail.example.com. Thanks | write to [EMAIL]. Thanks",
      "mail: first.last+tag@sub-domain.example-mail.co.uk; | mail: [EMAIL];",
      "<ana.maria@correo.es>, (bob@example.com) | <[EMAIL]>, ([EMAIL])",
      "a@b.cc.x@y.zz | [EMAIL][EMAIL]",
      "jürgen.müller@example.de | [EMAIL]",
      "schreib an jürgen.müller@exämple.de! | schreib an [EMAIL]!",
      "Ζωή: zoë@παράδειγμα.ελ | Ζωή: [EMAIL]",
      "почта: иван@пример.рф | почта: [EMAIL]",
      "連絡先はbob@example.comです | 連絡先は[EMAIL]です",
  })
  void masksRealisticAddresses(String text, String expected) {
    assertThat(masker.mask(text)).isEqualTo(expected);
  }

  @Test
  void masksALocalPartLongerThanTheRfcAllowsWhole() {
    assertThat(masker.mask("from " + "a".repeat(70) + "@example.com")).isEqualTo("from [EMAIL]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "What's the best stock in the Nasdaq right now?",
      "order 4111 1111 1111 1112 is not a card",
      "DE89 3704 0044 0532 0130 01 has a bad check",
      "in 2026 we sold 1500 units at 19.99",
      "version 1.2.3 at 10:30",
      "ratio 3:2",
      "Order 1500 shipped on 2026-11-20, total 19.99 USD, ETA 3 days, ref 42.",
      "meet 24/12/2026 or 2026.12.24",
      "an @ sign. user@localhost. price@3.50 each",
  })
  void leavesOrdinaryTextAlone(String text) {
    assertThat(masker.mask(text)).isSameAs(text);
  }

  @Test
  void aCustomPatternThatBacktracksWithoutBoundMasksTheWholeTextWithinItsBudget() {
    PiiMasker custom = PiiMasker.withCustomPatterns(Map.of("slow", "(a+)+b"));
    String text = "a".repeat(5_000) + "!";
    assertThat(custom.mask(text)).isEqualTo("[SLOW]");
    long budget = PiiMasker.CUSTOM_READS_PER_CHAR * text.length() + PiiMasker.CUSTOM_READS_FIXED;
    assertThat(CountingText.readsToMask(custom, text)).isLessThanOrEqualTo(budget + 100);
    assertThat(PiiMasker.withCustomPatterns(Map.of("star", "(a|b)*c")).mask("ab".repeat(20_000)))
        .isEqualTo("[STAR]");
  }

  @Test
  void anOrdinaryCustomPatternStaysWithinItsBudgetOnLongTexts() {
    PiiMasker custom = PiiMasker.withCustomPatterns(Map.of("emp", "\\bEMP-\\d{6}\\b"));
    String text = "words and EMP-123456 ".repeat(5_000);
    assertThat(custom.mask(text)).isEqualTo("words and [EMP] ".repeat(5_000));
  }

  @Test
  void customPatternsRunFirstAndNameThePlaceholder() {
    PiiMasker custom = PiiMasker.withCustomPatterns(Map.of("order", "ORD-\\d{6}"));
    assertThat(custom.mask("ORD-123456 for bob@example.com"))
        .isEqualTo("[ORDER] for [EMAIL]");
  }
}
