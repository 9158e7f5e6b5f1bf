package dev.parley.server.otlp;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.List;

/**
 * One copilot conversation as instrumentations trace it with the GenAI semantic conventions,
 * through OpenTelemetry's own API, at known times from {@code t0}:
 *
 * <ol>
 *   <li>an agent's turn ({@code invoke_agent}, content as {@code gen_ai.input/output.messages})
 *       from +1 s to +2.5 s, with a model call that asks for a tool (inner: not a turn of its
 *       own) and the tool call {@code search_stocks} inside it;</li>
 *   <li>a model call ({@code chat}) from +20 s to +21.2 s whose conversation is its
 *       {@code session.id}, its history ending with the new question;</li>
 *   <li>a model call from +40 s to +43 s that also makes an image, its content written the older
 *       way: {@code gen_ai.prompt} / {@code gen_ai.completion} on {@code gen_ai.content.*} events;</li>
 *   <li>a model call from +60 s to +60.8 s that captured no content;</li>
 * </ol>
 * and, beside it, an HTTP span and a model call without a conversation (both give nothing).
 */
final class CopilotTraces {
  static final String CONVERSATION = "conv-otlp";
  static final String USER = "u-otlp";
  static final String Q1 = "What's the best stock in the Nasdaq right now?";
  static final String A1 = "Thank you for reaching out. I can't give advice, but here are today's movers.";
  static final String Q2 = "And which one moved most?";
  static final String A2 = "NVDA moved most today, up 4%.";
  static final String Q3 = "Draw me its chart";
  static final String A3 = "Here is the chart.";

  private CopilotTraces() {}

  /** Plays the conversation; the spans end (and are exported by the tracer's processor) as they would in an app. */
  static void play(Tracer tracer, Instant t0) {
    Span agent = tracer.spanBuilder("invoke_agent Copilot").setSpanKind(SpanKind.INTERNAL).setStartTimestamp(t0.plusSeconds(1))
        .setAttribute("gen_ai.operation.name", "invoke_agent").setAttribute("gen_ai.agent.name", "Copilot")
        .setAttribute("gen_ai.conversation.id", CONVERSATION).setAttribute("user.id", USER)
        .setAttribute("gen_ai.provider.name", "openai").setAttribute("gen_ai.request.model", "gpt-4o")
        .setAttribute("gen_ai.input.messages", messages("user", Q1)).startSpan();
    Context inAgent = Context.current().with(agent);
    Span plan = tracer.spanBuilder("chat gpt-4o").setParent(inAgent).setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(t0.plusMillis(1100)).setAttribute("gen_ai.operation.name", "chat")
        .setAttribute("gen_ai.conversation.id", CONVERSATION).setAttribute("gen_ai.request.model", "gpt-4o")
        .setAttribute("gen_ai.input.messages", messages("user", Q1)).startSpan();
    plan.setAttribute(stringArrayKey("gen_ai.response.finish_reasons"), List.of("tool_calls"));
    plan.end(t0.plusMillis(1500));
    Span tool = tracer.spanBuilder("execute_tool search_stocks").setParent(inAgent).setStartTimestamp(t0.plusMillis(1600))
        .setAttribute("gen_ai.operation.name", "execute_tool").setAttribute("gen_ai.tool.name", "search_stocks")
        .setAttribute("gen_ai.tool.type", "function").setAttribute("gen_ai.tool.call.id", "call_1").startSpan();
    tool.end(t0.plusMillis(1800));
    agent.setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06");
    agent.setAttribute(longKey("gen_ai.usage.input_tokens"), 120L);
    agent.setAttribute(longKey("gen_ai.usage.output_tokens"), 45L);
    agent.setAttribute(stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"));
    agent.setAttribute("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
        + quote(A1) + "}],\"finish_reason\":\"stop\"}]");
    agent.end(t0.plusMillis(2500));

    Span second = tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).setStartTimestamp(t0.plusSeconds(20))
        .setAttribute("gen_ai.operation.name", "chat").setAttribute("session.id", CONVERSATION)
        .setAttribute("user.id", USER).setAttribute("gen_ai.provider.name", "openai")
        .setAttribute("gen_ai.request.model", "gpt-4o").setAttribute("gen_ai.input.messages", "["
            + message("system", "You are a helpful trading copilot.") + "," + message("user", Q1) + ","
            + message("assistant", A1) + "," + message("user", Q2) + "]").startSpan();
    second.setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06");
    second.setAttribute(longKey("gen_ai.usage.input_tokens"), 210L);
    second.setAttribute(longKey("gen_ai.usage.output_tokens"), 12L);
    second.setAttribute(stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"));
    second.setAttribute("gen_ai.output.messages", messages("assistant", A2));
    second.end(t0.plusMillis(21_200));

    Span third = tracer.spanBuilder("chat gpt-image").setSpanKind(SpanKind.CLIENT).setStartTimestamp(t0.plusSeconds(40))
        .setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.conversation.id", CONVERSATION)
        .setAttribute("user.id", USER).setAttribute("gen_ai.system", "openai")
        .setAttribute("gen_ai.request.model", "gpt-image-1").setAttribute("gen_ai.output.type", "image").startSpan();
    third.addEvent("gen_ai.content.prompt", Attributes.of(stringKey("gen_ai.prompt"), Q3), t0.plusSeconds(40));
    third.addEvent("gen_ai.content.completion", Attributes.of(stringKey("gen_ai.completion"),
        "[{\"role\":\"assistant\",\"content\":" + quote(A3) + "}]"), t0.plusSeconds(43));
    third.setAttribute(longKey("gen_ai.usage.prompt_tokens"), 30L);
    third.setAttribute(longKey("gen_ai.usage.completion_tokens"), 1000L);
    third.end(t0.plusSeconds(43));

    Span fourth = tracer.spanBuilder("chat gpt-4o-mini").setSpanKind(SpanKind.CLIENT).setStartTimestamp(t0.plusSeconds(60))
        .setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.conversation.id", CONVERSATION)
        .setAttribute("user.id", USER).setAttribute("gen_ai.request.model", "gpt-4o-mini")
        .setAttribute(longKey("gen_ai.usage.input_tokens"), 300L).setAttribute(longKey("gen_ai.usage.output_tokens"), 20L)
        .startSpan();
    fourth.setStatus(StatusCode.OK);
    fourth.end(t0.plusMillis(60_800));

    Span http = tracer.spanBuilder("POST /chat").setSpanKind(SpanKind.SERVER).setStartTimestamp(t0.plusSeconds(70))
        .setAttribute("http.request.method", "POST").setAttribute("user.id", USER).startSpan();
    http.end(t0.plusSeconds(71));
    Span loose = tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT).setStartTimestamp(t0.plusSeconds(80))
        .setAttribute("gen_ai.operation.name", "chat").setAttribute("gen_ai.input.messages", messages("user", "hi"))
        .startSpan();
    loose.end(t0.plusSeconds(81));
  }

  private static String messages(String role, String text) {
    return "[" + message(role, text) + "]";
  }

  private static String message(String role, String text) {
    return "{\"role\":\"" + role + "\",\"parts\":[{\"type\":\"text\",\"content\":" + quote(text) + "}]}";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
