package dev.parley.server.otlp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the messages a span captured, from the opt-in content of the GenAI conventions:
 * {@code gen_ai.input.messages} / {@code gen_ai.output.messages} (a JSON string or a structured
 * value, on the span or on one of its events), else the older {@code gen_ai.prompt} /
 * {@code gen_ai.completion} (on the span or on its {@code gen_ai.content.*} events), else the
 * indexed {@code gen_ai.prompt.N.role} / {@code .content} that OpenLLMetry writes. Thread-safe.
 */
final class GenAiContent {
  private static final int MAX_INDEXED = 1000;
  private final ObjectMapper json;

  GenAiContent(ObjectMapper json) {
    this.json = json;
  }

  /** The input messages, oldest first; empty when the span did not capture them. */
  Optional<List<ChatMessage>> input(SpanView span) {
    return messages(span, GenAiAttributes.INPUT_MESSAGES, GenAiAttributes.PROMPT, "user");
  }

  /** The output messages; empty when the span did not capture them. */
  Optional<List<ChatMessage>> output(SpanView span) {
    return messages(span, GenAiAttributes.OUTPUT_MESSAGES, GenAiAttributes.COMPLETION, "assistant");
  }

  private Optional<List<ChatMessage>> messages(SpanView span, String current, String older, String defaultRole) {
    Optional<AnyValue> value = onSpanOrEvent(span, current).or(() -> onSpanOrEvent(span, older));
    if (value.isPresent()) {
      return Optional.of(read(value.get(), defaultRole));
    }
    return indexed(span, older, defaultRole);
  }

  private static Optional<AnyValue> onSpanOrEvent(SpanView view, String key) {
    Optional<AnyValue> own = view.attribute(key);
    if (own.isPresent()) {
      return own;
    }
    for (Span.Event event : view.span().getEventsList()) {
      Optional<AnyValue> found = event.getAttributesList().stream().filter(kv -> kv.getKey().equals(key))
          .map(kv -> kv.getValue()).reduce((first, last) -> last);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private List<ChatMessage> read(AnyValue value, String defaultRole) {
    JsonNode node;
    if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
      String text = value.getStringValue();
      String trimmed = text.strip();
      if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
        return List.of(new ChatMessage(defaultRole, text, List.of(), Optional.empty()));
      }
      try {
        node = json.readTree(trimmed);
      } catch (JacksonException e) { // not JSON after all (or too deep): the text is the message
        return List.of(new ChatMessage(defaultRole, text, List.of(), Optional.empty()));
      }
    } else {
      node = AnyValues.json(value);
    }
    List<ChatMessage> messages = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(item -> message(item, defaultRole).ifPresent(messages::add));
    } else if (node != null) {
      message(node, defaultRole).ifPresent(messages::add);
    }
    return messages;
  }

  /** A message object: {@code {role, parts:[...]}}, or {@code {role, content}}, or a choice {@code {message, finish_reason}}. */
  private static Optional<ChatMessage> message(JsonNode node, String defaultRole) {
    if (node.isTextual()) {
      return Optional.of(new ChatMessage(defaultRole, node.textValue(), List.of(), Optional.empty()));
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    Optional<String> finish = textOf(node.get("finish_reason"));
    JsonNode inner = node.get("message");
    JsonNode body = inner != null && inner.isObject() ? inner : node;
    String role = textOf(body.get("role")).map(r -> r.toLowerCase(Locale.ROOT)).orElse(defaultRole);
    List<String> texts = new ArrayList<>();
    List<ChatMessage.Media> media = new ArrayList<>();
    parts(body.get("parts"), texts, media);
    JsonNode content = body.get("content");
    if (content != null && content.isTextual()) {
      texts.add(content.textValue());
    } else {
      parts(content, texts, media);
    }
    return Optional.of(new ChatMessage(role, String.join("\n\n", texts), media, finish));
  }

  private static void parts(JsonNode parts, List<String> texts, List<ChatMessage.Media> media) {
    if (parts == null || !parts.isArray()) {
      return;
    }
    for (JsonNode part : parts) {
      String type = textOf(part.get("type")).orElse("");
      switch (type) {
        case "text" -> textOf(part.get("content")).or(() -> textOf(part.get("text"))).ifPresent(texts::add);
        case "blob", "uri", "file", "image", "image_url", "audio" -> {
          Optional<String> mime = textOf(part.get("mime_type"));
          String modality = textOf(part.get("modality"))
              .or(() -> mime.map(m -> m.contains("/") ? m.substring(0, m.indexOf('/')) : m))
              .orElse(type.startsWith("image") ? "image" : type.equals("audio") ? "audio" : "file");
          media.add(new ChatMessage.Media(modality.toLowerCase(Locale.ROOT), mime));
        }
        default -> { } // tool calls, tool results, reasoning: not text shown to the user
      }
    }
  }

  /** OpenLLMetry's {@code gen_ai.prompt.0.role}, {@code gen_ai.prompt.0.content}, ... */
  private static Optional<List<ChatMessage>> indexed(SpanView span, String prefix, String defaultRole) {
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < MAX_INDEXED; i++) {
      Optional<String> role = span.text(prefix + "." + i + ".role");
      Optional<String> content = span.text(prefix + "." + i + ".content");
      if (role.isEmpty() && content.isEmpty()) {
        break;
      }
      messages.add(new ChatMessage(role.map(r -> r.toLowerCase(Locale.ROOT)).orElse(defaultRole), content.orElse(""),
          List.of(), span.text(prefix + "." + i + ".finish_reason")));
    }
    return messages.isEmpty() ? Optional.empty() : Optional.of(messages);
  }

  private static Optional<String> textOf(JsonNode node) {
    return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
  }
}
