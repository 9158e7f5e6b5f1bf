package dev.parley.instrumentation;

/**
 * Names of the extra properties the framework integrations add to spec events (snake_case, as
 * the spec's own {@code message_body} and {@code sub_type}), and the roles they send. Each
 * integration documents them in its README; names only one integration sends stay with it.
 *
 * <p>Constants only; thread-safe.
 */
public final class EventProperties {
  /** The role of the model's messages and of the tools and media it causes. */
  public static final String AGENT_ROLE = "ai_agent";
  /** The role of the user's messages. */
  public static final String CUSTOMER_ROLE = "customer";

  // model, input_tokens and output_tokens are Parley's extensions of the spec, sent from a
  // dev.parley.sdk.Usage under PropertyNames' names; total_tokens is the integrations' own.
  public static final String TOTAL_TOKENS = "total_tokens";
  public static final String FINISH_REASON = "finish_reason";
  public static final String LATENCY_MS = "latency_ms";

  public static final String DURATION_MS = "duration_ms";
  public static final String FAILED = "failed";
  public static final String ARGUMENTS = "arguments";

  public static final String ERROR_COUNT = "error_count";
  public static final String LAST_ERROR = "last_error";
  public static final String INSTRUMENTATION_ERROR_COUNT = "instrumentation_error_count";

  private EventProperties() {}
}
