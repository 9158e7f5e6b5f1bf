package dev.parley.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each model costs per million input and output tokens, and from when: the
 * {@code prices} and {@code currency} of {@code parley.yml}. A price holds from its
 * {@code from} until the model's next price, so a new price does not reprice what came
 * before it. Immutable and thread-safe.
 *
 * <pre>
 * currency: USD
 * prices:
 *   gpt-4o: {input: 2.50, output: 10.00}      # per million tokens, for all time
 *   gpt-4o-mini:
 *     - {from: 2026-01-01, input: 0.15, output: 0.60}
 *     - {from: 2026-07-01T00:00:00Z, input: 0.10, output: 0.40}
 * </pre>
 */
public final class PriceTable {
  /** The start of a price given without {@code from}: before any event. */
  public static final Instant ALWAYS = Instant.parse("0001-01-01T00:00:00Z");
  /** The end of a model's last price. */
  public static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");
  private static final PriceTable EMPTY = new PriceTable("USD", List.of());

  /**
   * One price of one model.
   *
   * @param from the first instant it holds
   * @param until the first instant it no longer holds (the model's next price), or {@link #FOREVER}
   * @param inputPerMillion the cost of a million input tokens
   * @param outputPerMillion the cost of a million output tokens
   */
  public record Price(String model, Instant from, Instant until, double inputPerMillion, double outputPerMillion) {}

  private final String currency;
  private final List<Price> prices;

  private PriceTable(String currency, List<Price> prices) {
    this.currency = currency;
    this.prices = List.copyOf(prices);
  }

  /** No prices: every event with tokens and no sent cost is unpriced. */
  public static PriceTable empty() {
    return EMPTY;
  }

  /**
   * The table of a configuration file's top level (its {@code currency} and {@code prices}).
   *
   * @throws IllegalArgumentException naming what is wrong, such as a negative price
   */
  public static PriceTable parse(JsonNode config) {
    Objects.requireNonNull(config, "config == null");
    JsonNode currencyNode = config.path("currency");
    String currency = currencyNode.isTextual() && !currencyNode.textValue().isBlank()
        ? currencyNode.textValue().trim() : "USD";
    JsonNode table = config.path("prices");
    if (table.isMissingNode() || table.isNull()) {
      return new PriceTable(currency, List.of());
    }
    if (!table.isObject()) {
      throw new IllegalArgumentException("prices must be a mapping of model names to prices");
    }
    List<Price> prices = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> model = it.next();
      prices.addAll(modelPrices(model.getKey(), model.getValue()));
    }
    return new PriceTable(currency, prices);
  }

  private static List<Price> modelPrices(String model, JsonNode node) {
    List<JsonNode> entries = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(entries::add);
    } else {
      entries.add(node);
    }
    List<Price> dated = new ArrayList<>();
    for (JsonNode entry : entries) {
      if (!entry.isObject()) {
        throw new IllegalArgumentException("prices." + model + ": each price is a mapping with input and output");
      }
      dated.add(new Price(model, from(model, entry.path("from")), FOREVER, perMillion(model, entry, "input"),
          perMillion(model, entry, "output")));
    }
    dated.sort(Comparator.comparing(Price::from));
    List<Price> out = new ArrayList<>(dated.size());
    for (int i = 0; i < dated.size(); i++) {
      Price p = dated.get(i);
      Instant until = i + 1 < dated.size() ? dated.get(i + 1).from() : FOREVER;
      if (!until.isAfter(p.from())) {
        throw new IllegalArgumentException("prices." + model + ": two prices from " + p.from());
      }
      out.add(new Price(model, p.from(), until, p.inputPerMillion(), p.outputPerMillion()));
    }
    return out;
  }

  private static Instant from(String model, JsonNode from) {
    if (from.isMissingNode() || from.isNull()) {
      return ALWAYS;
    }
    String text = from.asText().trim();
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("prices." + model + ".from must be a date (2026-07-01) or an instant"
          + " (2026-07-01T00:00:00Z), not \"" + text + "\"");
    }
  }

  private static double perMillion(String model, JsonNode entry, String field) {
    JsonNode value = entry.path(field);
    if (!value.isNumber() || value.doubleValue() < 0 || !Double.isFinite(value.doubleValue())) {
      throw new IllegalArgumentException("prices." + model + "." + field
          + " must be the cost of a million " + field + " tokens, a number 0 or more");
    }
    return value.doubleValue();
  }

  /** The currency of the prices and of sent costs, such as {@code USD}. */
  public String currency() {
    return currency;
  }

  /** Every price, each model's in time order. */
  public List<Price> prices() {
    return prices;
  }
}
