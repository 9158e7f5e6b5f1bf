package dev.parley.server.otlp;

import java.util.Set;

/**
 * The attribute names read from spans: OpenTelemetry's GenAI semantic conventions (current and
 * the older names still written by common instrumentations) and the general ones for users and
 * sessions.
 */
final class GenAiAttributes {
  static final String OPERATION_NAME = "gen_ai.operation.name";
  static final String CONVERSATION_ID = "gen_ai.conversation.id";
  static final String SESSION_ID = "session.id";
  static final String USER_ID = "user.id";

  static final String REQUEST_MODEL = "gen_ai.request.model";
  static final String RESPONSE_MODEL = "gen_ai.response.model";
  static final String PROVIDER_NAME = "gen_ai.provider.name";
  /** The provider's older name. */
  static final String SYSTEM = "gen_ai.system";
  static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
  static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  /** The older names of the token counts. */
  static final String PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";
  static final String COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";
  static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
  static final String OUTPUT_TYPE = "gen_ai.output.type";

  static final String TOOL_NAME = "gen_ai.tool.name";
  static final String TOOL_TYPE = "gen_ai.tool.type";
  static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
  /** Spring AI's own: the kind of observation a span is ({@code tool_call} for a tool run), and the tool. */
  static final String SPRING_AI_KIND = "spring.ai.kind";
  static final String SPRING_AI_TOOL_CALL = "tool_call";
  static final String SPRING_AI_TOOL_NAME = "spring.ai.tool.definition.name";

  /** Opt-in content: JSON arrays of messages made of parts. */
  static final String INPUT_MESSAGES = "gen_ai.input.messages";
  static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
  /** Opt-in content, older: on the span or on its {@code gen_ai.content.prompt/completion} events. */
  static final String PROMPT = "gen_ai.prompt";
  static final String COMPLETION = "gen_ai.completion";

  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_VERSION = "service.version";

  /** A model call or an agent's turn: a question in, a reply out. */
  static final Set<String> TURN_OPERATIONS = Set.of("chat", "invoke_agent", "generate_content", "text_completion");
  static final String INVOKE_AGENT = "invoke_agent";
  static final String EXECUTE_TOOL = "execute_tool";
  /** Finish reasons of a model call that stopped to call tools: its output is no reply to the user. */
  static final Set<String> TOOL_CALL_FINISH = Set.of("tool_calls", "tool_call", "function_call", "tool_use");

  private GenAiAttributes() {}
}
