package dev.parley.server.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.PropertyNames;
import dev.parley.spec.WireFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes the Segment track messages derived from a span: the envelope (ids, identity, time,
 * context) and the spec's common properties. Ids are derived from the span, so the same span
 * sent twice gives the same messages, and the collector's dedupe stores them once. Thread-safe.
 */
final class CopilotMessages {
  /** The message_body of a message whose text the span did not capture. */
  static final String NOT_CAPTURED = "[NOT CAPTURED]";
  /** The most UTF-8 bytes of text kept in a message_body, so the message stays under Segment's 32 KB. */
  static final int MAX_BODY_BYTES = 24 * 1024;
  /** The longest conversation or user id taken from a span. */
  static final int MAX_ID_CHARS = 1000;
  /** The longest model, tool or finish-reason name kept; longer ones are cut. */
  static final int MAX_NAME_CHARS = 256;

  private final ObjectMapper json;

  CopilotMessages(ObjectMapper json) {
    this.json = json;
  }

  /** Who and where: the conversation and its user, or the conversation's anonymous id when no user is known. */
  record Who(String conversationId, Optional<String> userId) {
    String anonymousId() {
      return "conversation:" + conversationId;
    }
  }

  /**
   * The id of a chat message derived from a span and what it is ({@code user}, {@code assistant},
   * {@code tool}, {@code media-0}): the trace id, the span id and that, in hex.
   */
  static String chatId(SpanView span, String what) {
    return span.traceId() + "-" + span.spanId() + "-" + what;
  }

  /** A track message for {@code event}, whose envelope messageId is derived from {@code chatId(span, what)}. */
  ObjectNode track(SpanView span, Who who, String event, String what, Optional<Instant> at) {
    ObjectNode m = json.createObjectNode();
    m.put(WireFields.TYPE, "track").put(WireFields.EVENT, event)
        .put(WireFields.MESSAGE_ID, "otlp-" + chatId(span, what));
    if (who.userId().isPresent()) {
      m.put(WireFields.USER_ID, who.userId().get());
    } else {
      m.put(WireFields.ANONYMOUS_ID, who.anonymousId());
    }
    at.ifPresent(t -> m.put(WireFields.TIMESTAMP, t.toString()));
    ObjectNode context = m.putObject(WireFields.CONTEXT);
    if (!span.scope().getName().isEmpty()) {
      ObjectNode library = context.putObject("library").put("name", name(span.scope().getName()));
      if (!span.scope().getVersion().isEmpty()) {
        library.put("version", name(span.scope().getVersion()));
      }
    }
    span.resourceText(GenAiAttributes.SERVICE_NAME).ifPresent(service -> {
      ObjectNode app = context.putObject("app").put("name", name(service));
      span.resourceText(GenAiAttributes.SERVICE_VERSION).ifPresent(v -> app.put("version", name(v)));
    });
    context.putObject("trace").put("traceId", span.traceId()).put("spanId", span.spanId());
    m.putObject(WireFields.PROPERTIES).put(PropertyNames.CONVERSATION_ID, who.conversationId());
    return m;
  }

  /**
   * Sets {@code message_body}: the text, cut to {@link #MAX_BODY_BYTES} (flagged
   * {@code message_body_truncated}), or {@link #NOT_CAPTURED} (flagged
   * {@code message_body_captured: false}) when the span did not capture it.
   */
  static void body(ObjectNode properties, Optional<String> text) {
    if (text.isEmpty()) {
      properties.put(PropertyNames.MESSAGE_BODY, NOT_CAPTURED).put("message_body_captured", false);
      return;
    }
    String body = text.get();
    if ((long) body.length() * 3 > MAX_BODY_BYTES && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      properties.put(PropertyNames.MESSAGE_BODY, cutUtf8(body, MAX_BODY_BYTES)).put("message_body_truncated", true);
    } else {
      properties.put(PropertyNames.MESSAGE_BODY, body);
    }
  }

  /** A name as kept: at most {@link #MAX_NAME_CHARS} characters. */
  static String name(String text) {
    return cutChars(text, MAX_NAME_CHARS);
  }

  /** The longest start of {@code text} of at most {@code maxBytes} UTF-8 bytes, never splitting a character. */
  static String cutUtf8(String text, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > maxBytes) {
        break;
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }

  private static String cutChars(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
