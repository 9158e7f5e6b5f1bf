package dev.parley.server.otlp;

import static dev.parley.server.otlp.CopilotMessages.chatId;
import static dev.parley.server.otlp.CopilotMessages.name;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.PropertyNames;
import dev.parley.spec.SpecEvent;
import dev.parley.spec.WireFields;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Turns the spans of one OTLP export request into the AI Copilot spec's events, following
 * OpenTelemetry's GenAI semantic conventions (the table in parley-server's README):
 *
 * <ul>
 *   <li>a model call or agent turn ({@code chat}, {@code invoke_agent}, {@code generate_content},
 *       {@code text_completion}) gives Message Sent (its last input, when that is the user's, at
 *       the span's start) and Message Received (its output, at the span's end, with model, tokens
 *       and finish reason), and Media Generated for each generated image, video or audio;</li>
 *   <li>{@code execute_tool}, or a Spring AI tool run ({@code spring.ai.kind} {@code tool_call}),
 *       gives Action Invoked.</li>
 * </ul>
 *
 * Spans without a conversation, and spans of other operations, give nothing. Stateless and
 * thread-safe.
 */
final class GenAiSpanMapper {
  /** The most Media Generated events one span gives. */
  static final int MAX_MEDIA = 16;
  private final GenAiContent content;
  private final CopilotMessages messages;

  GenAiSpanMapper(ObjectMapper json) {
    this.content = new GenAiContent(json);
    this.messages = new CopilotMessages(json);
  }

  SpanMapping map(ExportTraceServiceRequest request) {
    List<SpanView> views = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      var resourceAttributes = SpanView.byKey(resourceSpans.getResource().getAttributesList());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          views.add(new SpanView(views.size(), resourceSpans.getResource(), resourceAttributes, scopeSpans.getScope(),
              span));
        }
      }
    }
    Map<String, SpanView> byId = new HashMap<>();
    for (SpanView view : views) {
      if (view.validIds()) {
        byId.put(view.traceId() + view.spanId(), view);
      }
    }
    Map<String, List<SpanView>> byParent = new HashMap<>();
    for (SpanView view : views) {
      view.parentSpanId().filter(p -> view.validIds() && !p.equals(view.spanId()))
          .map(p -> byId.get(view.traceId() + p)).ifPresent(view::parent);
      view.parentSpanId().filter(p -> view.validIds())
          .ifPresent(p -> byParent.computeIfAbsent(view.traceId() + p, k -> new ArrayList<>()).add(view));
    }
    for (List<SpanView> children : byParent.values()) {
      SiblingTurns turns = new SiblingTurns(children.stream().filter(GenAiSpanMapper::isTurn).toList(),
          turn -> toolCallsOnly(finishReasons(turn, content.output(turn))));
      children.forEach(view -> view.siblingTurns(turns));
    }
    Counts counts = new Counts();
    List<DerivedEvent> events = new ArrayList<>();
    for (SpanView view : views) {
      for (ObjectNode message : map(view, counts)) {
        events.add(new DerivedEvent(message, view.index()));
      }
    }
    return new SpanMapping(events, views.size(), counts.ignored, counts.withoutConversation, counts.inner,
        counts.rejected);
  }

  private static final class Counts {
    int ignored;
    int withoutConversation;
    int inner;
    final List<String> rejected = new ArrayList<>();
  }

  private List<ObjectNode> map(SpanView view, Counts counts) {
    Optional<String> operation = view.text(GenAiAttributes.OPERATION_NAME).map(o -> o.toLowerCase(Locale.ROOT));
    boolean turn = operation.filter(GenAiAttributes.TURN_OPERATIONS::contains).isPresent();
    boolean tool = operation.filter(GenAiAttributes.EXECUTE_TOOL::equals).isPresent()
        || view.text(GenAiAttributes.SPRING_AI_KIND).filter(GenAiAttributes.SPRING_AI_TOOL_CALL::equals).isPresent();
    if (!turn && !tool) {
      counts.ignored++;
      return List.of();
    }
    if (!view.validIds()) {
      counts.rejected.add("span " + view.index() + ": a trace id must be 16 bytes and a span id 8, not all zeros");
      return List.of();
    }
    Optional<String> conversation = conversation(view);
    if (conversation.isEmpty()) {
      counts.withoutConversation++;
      return List.of();
    }
    if (turn && !operation.get().equals(GenAiAttributes.INVOKE_AGENT) && agentTurnAbove(view).isPresent()) {
      counts.inner++;
      return List.of();
    }
    Optional<String> user = view.inherited(GenAiAttributes.USER_ID);
    if (conversation.get().length() > CopilotMessages.MAX_ID_CHARS
        || user.filter(u -> u.length() > CopilotMessages.MAX_ID_CHARS).isPresent()) {
      counts.rejected.add("span " + view.index() + " (" + view.spanId() + "): its conversation or user id is over "
          + CopilotMessages.MAX_ID_CHARS + " characters");
      return List.of();
    }
    CopilotMessages.Who who = new CopilotMessages.Who(conversation.get(), user);
    return turn ? turn(view, who) : List.of(action(view, who));
  }

  private static Optional<String> conversation(SpanView view) {
    return view.inherited(GenAiAttributes.CONVERSATION_ID).or(() -> view.inherited(GenAiAttributes.SESSION_ID));
  }

  /** The nearest agent turn above a span in the request, when it has a conversation (it then carries the turn). */
  private static Optional<SpanView> agentTurnAbove(SpanView view) {
    Optional<SpanView> at = view.parent();
    for (int depth = 0; at.isPresent() && depth < 32; depth++, at = at.get().parent()) {
      SpanView up = at.get();
      if (up.text(GenAiAttributes.OPERATION_NAME).filter(GenAiAttributes.INVOKE_AGENT::equals).isPresent()) {
        return conversation(up).isPresent() ? Optional.of(up) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private List<ObjectNode> turn(SpanView view, CopilotMessages.Who who) {
    List<ObjectNode> out = new ArrayList<>();
    Optional<List<ChatMessage>> input = content.input(view);
    Optional<ChatMessage> last = input.flatMap(list -> list.isEmpty() ? Optional.empty()
        : Optional.of(list.get(list.size() - 1)));
    // A call whose input ends with a tool's result (not the user's words) continues a turn already counted;
    // without content, so does a call right after one that stopped to call tools, under the same parent.
    if (input.isEmpty() ? !view.siblingTurns().filter(turns -> turns.followsToolStop(view)).isPresent()
        : last.filter(m -> m.role().equals("user")).isPresent()) {
      ObjectNode sent = messages.track(view, who, SpecEvent.MESSAGE_SENT.eventName(), "user", view.start());
      ObjectNode properties = (ObjectNode) sent.get(WireFields.PROPERTIES);
      properties.put(PropertyNames.MESSAGE_ID, chatId(view, "user"));
      CopilotMessages.body(properties, last.map(ChatMessage::text));
      properties.put(PropertyNames.ROLE, "customer");
      out.add(sent);
    }
    Optional<List<ChatMessage>> output = content.output(view);
    List<String> finishReasons = finishReasons(view, output);
    List<ChatMessage.Media> media = media(view, output);
    Optional<String> text = output.map(list -> list.stream().map(ChatMessage::text).filter(t -> !t.isEmpty())
        .collect(Collectors.joining("\n\n")));
    if (text.filter(String::isEmpty).isPresent() && !media.isEmpty()) {
      text = Optional.of(media.stream().map(m -> "[" + m.mimeType().orElse(m.modality()) + "]")
          .collect(Collectors.joining(" ")));
    }
    boolean toolCallsOnly = toolCallsOnly(finishReasons);
    boolean failed = view.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
    boolean replied = output.isPresent() ? !text.get().isEmpty() : !toolCallsOnly && !failed;
    if (replied) {
      ObjectNode received = messages.track(view, who, SpecEvent.MESSAGE_RECEIVED.eventName(), "assistant", view.end());
      ObjectNode properties = (ObjectNode) received.get(WireFields.PROPERTIES);
      properties.put(PropertyNames.MESSAGE_ID, chatId(view, "assistant"));
      CopilotMessages.body(properties, text);
      properties.put(PropertyNames.ROLE, "ai_agent");
      usage(view, properties, finishReasons);
      out.add(received);
      for (int i = 0; i < media.size(); i++) {
        out.add(mediaGenerated(view, who, media.get(i), i));
      }
    }
    return out;
  }

  private ObjectNode mediaGenerated(SpanView view, CopilotMessages.Who who, ChatMessage.Media media, int i) {
    ObjectNode m = messages.track(view, who, SpecEvent.MEDIA_GENERATED.eventName(), "media-" + i, view.end());
    String subType = media.mimeType().map(t -> t.contains("/") ? t.substring(t.indexOf('/') + 1) : t)
        .filter(t -> !t.isBlank()).orElse("unspecified");
    ((ObjectNode) m.get(WireFields.PROPERTIES)).put(PropertyNames.MESSAGE_ID, chatId(view, "assistant"))
        .put(PropertyNames.TYPE, name(media.modality())).put(PropertyNames.SUB_TYPE, name(subType))
        .put(PropertyNames.ROLE, "ai_agent");
    return m;
  }

  private ObjectNode action(SpanView view, CopilotMessages.Who who) {
    ObjectNode m = messages.track(view, who, SpecEvent.ACTION_INVOKED.eventName(), "tool", view.start());
    ObjectNode properties = (ObjectNode) m.get(WireFields.PROPERTIES);
    // The action belongs to the reply of the turn around it; else, as frameworks such as Spring AI run tools
    // between two model calls under one parent, to the reply of the first call after it that did not stop
    // for tools; when the request holds that turn.
    String chatMessageId = turnAbove(view)
        .or(() -> view.siblingTurns().flatMap(turns -> turns.replyFrom(view.span().getStartTimeUnixNano())))
        .map(turn -> chatId(turn, "assistant"))
        .or(() -> view.text(GenAiAttributes.TOOL_CALL_ID).filter(id -> !id.isBlank()).map(CopilotMessages::name))
        .orElse(chatId(view, "tool"));
    properties.put(PropertyNames.MESSAGE_ID, chatMessageId).put(PropertyNames.TYPE, "tool")
        .put(PropertyNames.ACTION, name(view.text(GenAiAttributes.TOOL_NAME).filter(n -> !n.isBlank())
            .or(() -> view.text(GenAiAttributes.SPRING_AI_TOOL_NAME).filter(n -> !n.isBlank()))
            .orElse(view.span().getName().isBlank() ? "unnamed" : view.span().getName())))
        .put(PropertyNames.ROLE, "ai_agent");
    view.text(GenAiAttributes.TOOL_TYPE).ifPresent(t -> properties.put("tool_type", name(t)));
    view.text(GenAiAttributes.TOOL_CALL_ID).ifPresent(t -> properties.put("tool_call_id", name(t)));
    if (view.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      properties.put("error", true);
    }
    return m;
  }

  private static Optional<SpanView> turnAbove(SpanView view) {
    Optional<SpanView> at = view.parent();
    for (int depth = 0; at.isPresent() && depth < 32; depth++, at = at.get().parent()) {
      if (at.get().text(GenAiAttributes.OPERATION_NAME).filter(GenAiAttributes.TURN_OPERATIONS::contains).isPresent()) {
        return at;
      }
    }
    return Optional.empty();
  }

  private static boolean isTurn(SpanView view) {
    return view.text(GenAiAttributes.OPERATION_NAME).map(o -> o.toLowerCase(Locale.ROOT))
        .filter(GenAiAttributes.TURN_OPERATIONS::contains).isPresent();
  }

  private static boolean toolCallsOnly(List<String> finishReasons) {
    return !finishReasons.isEmpty() && GenAiAttributes.TOOL_CALL_FINISH.containsAll(finishReasons);
  }

  private static void usage(SpanView view, ObjectNode properties, List<String> finishReasons) {
    view.text(GenAiAttributes.RESPONSE_MODEL).filter(m -> !m.isBlank())
        .or(() -> view.text(GenAiAttributes.REQUEST_MODEL).filter(m -> !m.isBlank()))
        .ifPresent(model -> properties.put(PropertyNames.MODEL, name(model)));
    tokens(view, GenAiAttributes.INPUT_TOKENS, GenAiAttributes.PROMPT_TOKENS)
        .ifPresent(n -> properties.put(PropertyNames.INPUT_TOKENS, n));
    tokens(view, GenAiAttributes.OUTPUT_TOKENS, GenAiAttributes.COMPLETION_TOKENS)
        .ifPresent(n -> properties.put(PropertyNames.OUTPUT_TOKENS, n));
    if (!finishReasons.isEmpty()) {
      properties.put("finish_reason", name(finishReasons.get(0)));
    }
    view.text(GenAiAttributes.PROVIDER_NAME).or(() -> view.text(GenAiAttributes.SYSTEM)).filter(p -> !p.isBlank())
        .ifPresent(provider -> properties.put("provider", name(provider)));
  }

  private static OptionalLong tokens(SpanView view, String key, String olderKey) {
    OptionalLong n = view.attribute(key).map(AnyValues::count).orElse(OptionalLong.empty());
    return n.isPresent() ? n : view.attribute(olderKey).map(AnyValues::count).orElse(OptionalLong.empty());
  }

  private static List<String> finishReasons(SpanView view, Optional<List<ChatMessage>> output) {
    List<String> stated = view.attribute(GenAiAttributes.FINISH_REASONS).map(AnyValues::textList).orElse(List.of());
    if (!stated.isEmpty()) {
      return stated.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
    }
    return output.orElse(List.of()).stream().flatMap(m -> m.finishReason().stream())
        .map(r -> r.toLowerCase(Locale.ROOT)).toList();
  }

  /** The media parts of the output; else one medium of the kind {@code gen_ai.output.type} asked for. */
  private static List<ChatMessage.Media> media(SpanView view, Optional<List<ChatMessage>> output) {
    List<ChatMessage.Media> parts = output.orElse(List.of()).stream().flatMap(m -> m.media().stream())
        .limit(MAX_MEDIA).toList();
    if (!parts.isEmpty()) {
      return parts;
    }
    Optional<String> kind = view.text(GenAiAttributes.OUTPUT_TYPE).map(t -> t.toLowerCase(Locale.ROOT))
        .map(t -> t.equals("speech") ? "audio" : t).filter(t -> t.equals("image") || t.equals("audio")
            || t.equals("video"));
    return kind.map(k -> List.of(new ChatMessage.Media(k, Optional.<String>empty()))).orElse(List.of());
  }
}
