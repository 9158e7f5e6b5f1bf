package dev.parley.springai.internal;

/**
 * Names of the extra properties this module adds to spec events (snake_case, as the spec's
 * own {@code message_body} and {@code sub_type}). Documented in the module's README.
 */
final class EventProperties {
  static final String AGENT_ROLE = "ai_agent";
  static final String CUSTOMER_ROLE = "customer";

  static final String MODEL = "model";
  static final String INPUT_TOKENS = "input_tokens";
  static final String OUTPUT_TOKENS = "output_tokens";
  static final String TOTAL_TOKENS = "total_tokens";
  static final String FINISH_REASON = "finish_reason";
  static final String LATENCY_MS = "latency_ms";
  static final String STREAMING = "streaming";

  static final String DURATION_MS = "duration_ms";
  static final String FAILED = "failed";
  static final String ARGUMENTS = "arguments";

  static final String ERROR_COUNT = "error_count";
  static final String LAST_ERROR = "last_error";
  static final String INSTRUMENTATION_ERROR_COUNT = "instrumentation_error_count";

  private EventProperties() {}
}
