package dev.parley.instrumentation;

import dev.parley.sdk.Usage;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a finished turn sends, in terms common to every framework: the reply's Message
 * Received (body, usage and properties), then an Action Invoked per tool run and a Media Generated per
 * media item. Each integration gathers it from its framework; {@link ReplyReporter} sends it.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder}.
 */
public final class ReplyReport {
  private final String body;
  private final Usage usage;
  private final Map<String, Object> properties;
  private final List<ToolRun> tools;
  private final List<GeneratedMedia> media;

  private ReplyReport(Builder builder) {
    this.body = builder.body;
    this.usage = builder.usage();
    this.properties = Collections.unmodifiableMap(builder.properties());
    this.tools = builder.tools;
    this.media = builder.media;
  }

  /**
   * A builder for the report of a reply with this {@code message_body} (which the spec
   * requires not blank), sent {@code latency} after the turn started.
   */
  public static Builder builder(String body, Duration latency) {
    return new Builder(body, latency);
  }

  /** The reply's {@code message_body}. */
  public String body() {
    return body;
  }

  /**
   * The model and token counts of the reply, sent by the SDK as {@code model},
   * {@code input_tokens} and {@code output_tokens}; the parts the framework did not say are
   * not set. Never a cost: the collector prices tokens from its price table.
   */
  public Usage usage() {
    return usage;
  }

  /**
   * The extra properties of Message Received, in this order: {@code total_tokens},
   * {@code finish_reason}, {@code latency_ms}, then the integration's own; unknown values are
   * left out.
   */
  public Map<String, Object> properties() {
    return properties;
  }

  /** The tool calls, each sent as Action Invoked after the reply, in this order. */
  public List<ToolRun> tools() {
    return tools;
  }

  /** The media items, each sent as Media Generated after the tools, in this order. */
  public List<GeneratedMedia> media() {
    return media;
  }

  /** Settings for a {@link ReplyReport}. Not thread-safe. */
  public static final class Builder {
    private final String body;
    private final Duration latency;
    private final Map<String, Object> integrationProperties = new LinkedHashMap<>();
    private String model;
    private Integer inputTokens;
    private Integer outputTokens;
    private Integer totalTokens;
    private String finishReason;
    private List<ToolRun> tools = List.of();
    private List<GeneratedMedia> media = List.of();

    private Builder(String body, Duration latency) {
      this.body = Objects.requireNonNull(body, "body == null");
      this.latency = Objects.requireNonNull(latency, "latency == null");
    }

    /**
     * The model's name, sent as {@code model}; null when the framework does not say. A blank
     * name is not sent.
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Token counts of the whole turn, sent as {@code input_tokens}, {@code output_tokens} and
     * {@code total_tokens}; each null when unknown. A negative count (what some providers say
     * for "unknown") is not sent.
     */
    public Builder tokens(Integer input, Integer output, Integer total) {
      this.inputTokens = input;
      this.outputTokens = output;
      this.totalTokens = total;
      return this;
    }

    /**
     * Why the model stopped, sent lower-case as {@code finish_reason} ({@code STOP} as
     * {@code stop}); null when unknown.
     */
    public Builder finishReason(String finishReason) {
      this.finishReason = finishReason;
      return this;
    }

    /** A property only this integration sends, after the common ones. */
    public Builder property(String name, Object value) {
      Objects.requireNonNull(name, "name == null");
      integrationProperties.put(name, Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** The turn's tool calls, in the order they are sent; default none. */
    public Builder tools(List<ToolRun> tools) {
      this.tools = List.copyOf(tools);
      return this;
    }

    /** The turn's media items, in the order they are sent; default none. */
    public Builder media(List<GeneratedMedia> media) {
      this.media = List.copyOf(media);
      return this;
    }

    /** Builds the report. */
    public ReplyReport build() {
      return new ReplyReport(this);
    }

    private Usage usage() {
      Usage.Builder usage = Usage.builder();
      if (model != null && !model.isBlank()) {
        usage.model(model);
      }
      if (known(inputTokens)) {
        usage.inputTokens(inputTokens);
      }
      if (known(outputTokens)) {
        usage.outputTokens(outputTokens);
      }
      return usage.build();
    }

    private Map<String, Object> properties() {
      Map<String, Object> properties = new LinkedHashMap<>();
      if (known(totalTokens)) {
        properties.put(EventProperties.TOTAL_TOKENS, totalTokens);
      }
      if (finishReason != null) {
        properties.put(EventProperties.FINISH_REASON, finishReason.toLowerCase(Locale.ROOT));
      }
      properties.put(EventProperties.LATENCY_MS, latency.toMillis());
      properties.putAll(integrationProperties);
      return properties;
    }

    private static boolean known(Integer tokens) {
      return tokens != null && tokens >= 0;
    }
  }
}
