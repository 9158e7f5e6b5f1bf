package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  private static JsonNode yaml(String text) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(text);
  }

  @Test
  void eachPriceHoldsUntilTheModelsNextWhateverOrderTheyAreWrittenIn() throws Exception {
    PriceTable table = PriceTable.parse(yaml("""
        prices:
          m:
            - {from: 2026-07-01, input: 0.1, output: 0.4}
            - {input: 0.15, output: 0.6}
          n: {input: 2.5, output: 10}
        """));

    assertThat(table.currency()).as("the default").isEqualTo("USD");
    assertThat(table.prices()).containsExactly(
        new PriceTable.Price("m", PriceTable.ALWAYS, Instant.parse("2026-07-01T00:00:00Z"), 0.15, 0.6),
        new PriceTable.Price("m", Instant.parse("2026-07-01T00:00:00Z"), PriceTable.FOREVER, 0.1, 0.4),
        new PriceTable.Price("n", PriceTable.ALWAYS, PriceTable.FOREVER, 2.5, 10));
  }

  @Test
  void aFileWithoutPricesHasNone() throws Exception {
    assertThat(PriceTable.parse(yaml("port: 8080")).prices()).isEmpty();
  }

  @Test
  void whatCannotBeAPriceIsRefusedSayingWhere() {
    assertThatThrownBy(() -> PriceTable.parse(yaml("prices: [1, 2]"))).hasMessageContaining("mapping of model names");
    assertThatThrownBy(() -> PriceTable.parse(yaml("prices: {m: {input: 1}}"))).hasMessageContaining("prices.m.output");
    assertThatThrownBy(() -> PriceTable.parse(yaml("prices: {m: {input: -1, output: 1}}")))
        .hasMessageContaining("prices.m.input");
    assertThatThrownBy(() -> PriceTable.parse(yaml("prices: {m: {from: soon, input: 1, output: 1}}")))
        .hasMessageContaining("prices.m.from");
    assertThatThrownBy(() -> PriceTable.parse(yaml("prices: {m: [{input: 1, output: 1}, {input: 2, output: 2}]}")))
        .hasMessageContaining("two prices from");
  }
}
