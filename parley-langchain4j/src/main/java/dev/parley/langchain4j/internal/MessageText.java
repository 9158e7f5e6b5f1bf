package dev.parley.langchain4j.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code message_body} of a chat message. The spec requires a non-blank body, so a message
 * without text is described in brackets, such as {@code [image]}.
 */
final class MessageText {
  private MessageText() {}

  static String of(UserMessage message) {
    if (message == null) {
      return "[no text]";
    }
    List<String> texts = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Content content : message.contents()) {
      if (content instanceof TextContent text) {
        texts.add(text.text());
      } else {
        others.add(content.type().name().toLowerCase(Locale.ROOT));
      }
    }
    String joined = String.join("\n", texts);
    if (!joined.isBlank()) {
      return joined;
    }
    return others.isEmpty() ? "[no text]" : "[" + String.join(", ", others) + "]";
  }

  static String of(AiMessage message, Object result) {
    if (message != null && message.text() != null && !message.text().isBlank()) {
      return message.text();
    }
    if (result instanceof String text && !text.isBlank()) {
      return text;
    }
    if (message != null && !message.images().isEmpty()) {
      return "[image]";
    }
    return "[no text]";
  }
}
