package dev.parley.sdk;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a reply or a tool call used and cost: the model, the tokens it read and wrote, and
 * what it cost. {@link Conversation#messageReceived(String, Usage)} and
 * {@link Conversation#actionInvoked(String, String, String, Usage)} send it as Parley's
 * extension properties {@code model}, {@code input_tokens}, {@code output_tokens} and
 * {@code cost}.
 *
 * <p>Each part is optional; a part that is not set is not sent. A collector with a price
 * table prices the tokens of an event sent without a cost, so most callers leave the cost
 * out. Values are checked when they are set: a model is not blank, token counts are 0 or
 * more, a cost is a finite number, 0 or more.
 *
 * <pre>{@code
 * chat.messageReceived(answer, Usage.of("gpt-4o-mini", 812, 64));
 * chat.messageReceived(answer, Usage.of("gpt-4o", 812, 64).withCost(0.0027));
 * chat.messageReceived(answer, Usage.builder().inputTokens(812).outputTokens(64).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Usage {
  private static final Usage NONE = new Usage(new Builder());

  private final String model;
  /** -1 when not set, as for {@link #outputTokens}. */
  private final long inputTokens;
  private final long outputTokens;
  /** NaN when not set. */
  private final double cost;

  private Usage(Builder builder) {
    this.model = builder.model;
    this.inputTokens = builder.inputTokens;
    this.outputTokens = builder.outputTokens;
    this.cost = builder.cost;
  }

  /**
   * The usage of one model call: the model's name and the tokens it read and wrote.
   *
   * @throws IllegalArgumentException for a blank model or a negative token count
   */
  public static Usage of(String model, long inputTokens, long outputTokens) {
    return builder().model(model).inputTokens(inputTokens).outputTokens(outputTokens).build();
  }

  /** A usage with nothing set, which sends nothing; see {@link #builder()}. */
  public static Usage none() {
    return NONE;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this usage's parts. */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.model = model;
    builder.inputTokens = inputTokens;
    builder.outputTokens = outputTokens;
    builder.cost = cost;
    return builder;
  }

  /**
   * This usage with a cost, in the currency of the collector's price table.
   *
   * @throws IllegalArgumentException for a negative, infinite or NaN cost
   */
  public Usage withCost(double cost) {
    return newBuilder().cost(cost).build();
  }

  /** The model's name, sent as {@code model}. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** Tokens the model read, sent as {@code input_tokens}. */
  public OptionalLong inputTokens() {
    return inputTokens < 0 ? OptionalLong.empty() : OptionalLong.of(inputTokens);
  }

  /** Tokens the model wrote, sent as {@code output_tokens}. */
  public OptionalLong outputTokens() {
    return outputTokens < 0 ? OptionalLong.empty() : OptionalLong.of(outputTokens);
  }

  /** What it cost, sent as {@code cost}. */
  public OptionalDouble cost() {
    return Double.isNaN(cost) ? OptionalDouble.empty() : OptionalDouble.of(cost);
  }

  /** Whether no part is set, so nothing is sent. */
  public boolean isEmpty() {
    return model == null && inputTokens < 0 && outputTokens < 0 && Double.isNaN(cost);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Usage that && Objects.equals(model, that.model) && inputTokens == that.inputTokens
        && outputTokens == that.outputTokens && Double.compare(cost, that.cost) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, inputTokens, outputTokens, cost);
  }

  @Override
  public String toString() {
    return "Usage{model=" + model().orElse("?") + ", inputTokens=" + part(inputTokens())
        + ", outputTokens=" + part(outputTokens()) + ", cost=" + (cost().isPresent() ? cost : "?") + "}";
  }

  private static String part(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "?";
  }

  /** Sets the parts of a {@link Usage}, each checked as it is set. Not thread-safe. */
  public static final class Builder {
    private String model;
    private long inputTokens = -1;
    private long outputTokens = -1;
    private double cost = Double.NaN;

    private Builder() {}

    /**
     * The model's name, such as {@code gpt-4o-mini}.
     *
     * @throws IllegalArgumentException when it is blank
     */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model == null");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model is blank");
      }
      this.model = model;
      return this;
    }

    /**
     * Tokens the model read (the prompt, with any history and tool results).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder inputTokens(long inputTokens) {
      this.inputTokens = notNegative(inputTokens, "inputTokens");
      return this;
    }

    /**
     * Tokens the model wrote.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder outputTokens(long outputTokens) {
      this.outputTokens = notNegative(outputTokens, "outputTokens");
      return this;
    }

    /**
     * What it cost, in the currency of the collector's price table. Sent as given: a cost
     * sent with an event wins over the price of its tokens.
     *
     * @throws IllegalArgumentException for a negative, infinite or NaN cost
     */
    public Builder cost(double cost) {
      if (!Double.isFinite(cost) || cost < 0) {
        throw new IllegalArgumentException("cost must be a finite number, 0 or more: " + cost);
      }
      this.cost = cost == 0 ? 0 : cost; // -0.0 is sent as 0
      return this;
    }

    /** The usage with the parts set so far. */
    public Usage build() {
      return new Usage(this);
    }

    private static long notNegative(long tokens, String name) {
      if (tokens < 0) {
        throw new IllegalArgumentException(name + " must be 0 or more: " + tokens);
      }
      return tokens;
    }
  }
}
