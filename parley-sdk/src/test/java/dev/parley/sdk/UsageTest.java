package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UsageTest {
  @Test
  void ofSetsTheModelAndTokensAndLeavesTheCostOut() {
    Usage usage = Usage.of("gpt-4o-mini", 812, 64);

    assertThat(usage.model()).contains("gpt-4o-mini");
    assertThat(usage.inputTokens()).isEqualTo(OptionalLong.of(812));
    assertThat(usage.outputTokens()).isEqualTo(OptionalLong.of(64));
    assertThat(usage.cost()).isEmpty();
    assertThat(usage.isEmpty()).isFalse();
  }

  @Test
  void withCostMakesANewUsageAndLeavesTheOriginalAsItWas() {
    Usage tokens = Usage.of("gpt-4o", 1_000, 100);
    Usage priced = tokens.withCost(0.0035);

    assertThat(priced.cost()).isEqualTo(OptionalDouble.of(0.0035));
    assertThat(priced.model()).contains("gpt-4o");
    assertThat(tokens.cost()).isEmpty();
    assertThat(priced).isNotEqualTo(tokens).isEqualTo(Usage.of("gpt-4o", 1_000, 100).withCost(0.0035));
    assertThat(priced.hashCode()).isEqualTo(Usage.of("gpt-4o", 1_000, 100).withCost(0.0035).hashCode());
  }

  @Test
  void everyPartIsOptional() {
    Usage tokensOnly = Usage.builder().inputTokens(0).outputTokens(7).build();
    Usage costOnly = Usage.builder().cost(0).build();

    assertThat(tokensOnly.model()).isEmpty();
    assertThat(tokensOnly.inputTokens()).isEqualTo(OptionalLong.of(0));
    assertThat(costOnly.cost()).isEqualTo(OptionalDouble.of(0));
    assertThat(costOnly.inputTokens()).isEmpty();
    assertThat(Usage.none().isEmpty()).isTrue();
    assertThat(Usage.builder().build()).isEqualTo(Usage.none());
    assertThat(Usage.none().newBuilder().model("m").build().model()).contains("m");
  }

  @Test
  void negativeNumbersABlankModelAndAnInfiniteCostAreRefusedWhenSet() {
    assertThatThrownBy(() -> Usage.of("gpt-4o", -1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inputTokens");
    assertThatThrownBy(() -> Usage.of("gpt-4o", 0, -5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outputTokens");
    assertThatThrownBy(() -> Usage.of(" ", 1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model");
    assertThatThrownBy(() -> Usage.of(null, 1, 1)).isInstanceOf(NullPointerException.class)
        .hasMessage("model == null");
    Usage usage = Usage.of("gpt-4o", 1, 1);
    assertThatThrownBy(() -> usage.withCost(-0.01)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cost");
    assertThatThrownBy(() -> usage.withCost(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> usage.withCost(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativeZeroCostIsZero() {
    assertThat(Usage.builder().cost(-0.0).build()).isEqualTo(Usage.builder().cost(0).build());
  }

  @Test
  void toStringShowsThePartsThatAreSet() {
    assertThat(Usage.builder().model("m").outputTokens(3).build())
        .hasToString("Usage{model=m, inputTokens=?, outputTokens=3, cost=?}");
  }
}
