package dev.parley.server.analytics;

import java.util.List;

/**
 * The figures of models, tokens and cost that the read API answers: the summary's
 * {@code tokens} and {@code cost}, a model's row of {@code breakdown?by=model}, and an item
 * of {@code attribution}. Field names are the JSON names.
 */
public final class UsageFigures {
  private UsageFigures() {}

  /** Tokens read and written in the window. */
  public record Tokens(long input, long output) {}

  /** Two quantiles (linear interpolation); null when there was nothing to measure. */
  public record Spread(Double p50, Double p90) {}

  /**
   * Cost in the window, in {@code currency}.
   *
   * @param total every known cost (sent, or priced from tokens); null when there is none
   * @param unpricedEvents events with tokens but no sent cost and no price for their model at their time
   * @param perConversation over the conversations with a known cost in the window
   * @param perConversationWithOutcome the average cost of those of them that reached an outcome in the window
   */
  public record Cost(String currency, Double total, long unpricedEvents, Spread perConversation,
      Double perConversationWithOutcome) {}

  /**
   * One model: the conversations that used it, its replies ({@code messages}) and their
   * latency, the ratings and conversion of those conversations, its tokens and cost.
   */
  public record ModelRow(String key, long conversations, long messages, Spread replyLatencyMs, Double avgRating,
      Double conversionRate, Tokens tokens, Double cost, long unpricedEvents) {}

  /** Conversations of one side of a feature, and how they went. Rates are null with no conversations. */
  public record Side(long conversations, Double conversionRate, Double avgRating, Double abandonmentRate) {}

  /** With minus without; null where either side has no figure. */
  public record Lift(Double conversionRate, Double avgRating, Double abandonmentRate) {}

  /** A feature (an action, component, media kind or model) and the conversations with and without it. */
  public record AttributionItem(String key, Side with, Side without, Lift lift) {}

  /** The attribution items, most positive conversion lift first. */
  public record Attribution(String by, List<AttributionItem> items) {
    public Attribution {
      items = List.copyOf(items);
    }
  }
}
