package dev.parley.server.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordsTest {
  @Test
  void wordsLeaveOutMaskedValuesNumbersAndCommonWords() {
    assertThat(Keywords.words("Hi, I need a REFUND for order #4821, mail me at [EMAIL] please"))
        .containsExactly("refund", "order", "mail");
  }

  @Test
  void aTopicIsNamedByWhatIsFrequentInItAndRareElsewhere() {
    Map<String, List<String>> texts = Map.of(
        "refunds", List.of("refund for my order", "I want a refund of this order", "refund the shoes order please",
            "how long does a refund take"),
        "delivery", List.of("where is my order", "my order delivery is late", "track the delivery of my order",
            "delivery still not here"));
    Map<String, List<String>> words = Keywords.of(texts);
    assertThat(words.get("refunds")).startsWith("refund").doesNotContain("delivery");
    assertThat(words.get("delivery")).startsWith("delivery").doesNotContain("refund");
    // "order" is in both: it ranks below each topic's own word
    assertThat(words.get("refunds").indexOf("order")).isGreaterThan(0);
    assertThat(Keywords.label(words.get("refunds"))).startsWith("refund");
    assertThat(Keywords.label(List.of())).isEqualTo("(no words)");
  }
}
