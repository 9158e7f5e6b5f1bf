package dev.parley.springai.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.content.Media;

/**
 * Spring AI's messages written as the OpenTelemetry GenAI conventions' JSON:
 * {@code gen_ai.input.messages} and {@code gen_ai.output.messages}, arrays of
 * {@code {role, parts:[...]}} messages whose parts are {@code text}, {@code tool_call},
 * {@code tool_call_response}, and {@code uri} or {@code blob} for media. A blob part names the
 * media's type but leaves its bytes out, which would make the span as large as the image. An
 * output message carries its generation's {@code finish_reason}, lower-case. Thread-safe.
 */
public final class GenAiMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GenAiMessages() {}

  /** A prompt's messages, oldest first, as {@code gen_ai.input.messages}. */
  public static String input(List<Message> messages) {
    ArrayNode array = JSON.createArrayNode();
    for (Message message : messages) {
      array.add(message(message));
    }
    return array.toString();
  }

  /** A response's generations, one message each, as {@code gen_ai.output.messages}. */
  public static String output(ChatResponse response) {
    ArrayNode array = JSON.createArrayNode();
    for (Generation generation : response.getResults()) {
      if (generation == null || generation.getOutput() == null) {
        continue;
      }
      ObjectNode message = message(generation.getOutput());
      String finishReason = generation.getMetadata() == null ? null : generation.getMetadata().getFinishReason();
      if (finishReason != null && !finishReason.isBlank()) {
        message.put("finish_reason", finishReason.toLowerCase(Locale.ROOT));
      }
      array.add(message);
    }
    return array.toString();
  }

  private static ObjectNode message(Message message) {
    ObjectNode node = JSON.createObjectNode().put("role", role(message.getMessageType()));
    ArrayNode parts = node.putArray("parts");
    if (message instanceof ToolResponseMessage tools) {
      for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
        parts.addObject().put("type", "tool_call_response").put("id", response.id())
            .put("name", response.name()).put("response", response.responseData());
      }
      return node;
    }
    String text = message.getText();
    if (text != null && !text.isEmpty()) {
      parts.addObject().put("type", "text").put("content", text);
    }
    if (message instanceof AssistantMessage assistant) {
      for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
        parts.addObject().put("type", "tool_call").put("id", call.id()).put("name", call.name())
            .put("arguments", call.arguments());
      }
      assistant.getMedia().forEach(media -> media(parts, media));
    } else if (message instanceof UserMessage user) {
      user.getMedia().forEach(media -> media(parts, media));
    }
    return node;
  }

  private static void media(ArrayNode parts, Media media) {
    ObjectNode part = parts.addObject();
    Object data = media.getData();
    boolean link = data instanceof String || data instanceof URI;
    part.put("type", link ? "uri" : "blob");
    if (media.getMimeType() != null && !media.getMimeType().isWildcardType()) {
      part.put("modality", media.getMimeType().getType().toLowerCase(Locale.ROOT))
          .put("mime_type", media.getMimeType().getType() + "/" + media.getMimeType().getSubtype());
    }
    if (link) {
      part.put("uri", data.toString());
    }
  }

  private static String role(MessageType type) {
    return switch (type) {
      case USER -> "user";
      case ASSISTANT -> "assistant";
      case SYSTEM -> "system";
      case TOOL -> "tool";
    };
  }
}
