package dev.parley.springai.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.content.Media;

/**
 * What the model answered, gathered from one response or from the chunks of a stream: text,
 * tool calls, media, model name, token usage and finish reason. Not thread-safe: a stream's
 * chunks arrive one at a time.
 */
final class Reply {
  private final StringBuilder text = new StringBuilder();
  private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
  private final List<Media> media = new ArrayList<>();
  private String model;
  private Usage usage;
  private String finishReason;

  static Reply of(ChatResponse response) {
    Reply reply = new Reply();
    reply.add(response);
    return reply;
  }

  void add(ChatResponse response) {
    if (response == null) {
      return;
    }
    ChatResponseMetadata metadata = response.getMetadata();
    if (metadata != null) {
      if (metadata.getModel() != null && !metadata.getModel().isBlank()) {
        model = metadata.getModel();
      }
      Usage chunkUsage = metadata.getUsage();
      if (chunkUsage != null && (chunkUsage.getPromptTokens() != null && chunkUsage.getPromptTokens() > 0
          || chunkUsage.getCompletionTokens() != null && chunkUsage.getCompletionTokens() > 0)) {
        usage = chunkUsage;
      }
    }
    for (Generation generation : response.getResults()) {
      AssistantMessage output = generation.getOutput();
      if (output != null) {
        if (output.getText() != null) {
          text.append(output.getText());
        }
        toolCalls.addAll(output.getToolCalls());
        media.addAll(output.getMedia());
      }
      if (generation.getMetadata() != null && generation.getMetadata().getFinishReason() != null
          && !generation.getMetadata().getFinishReason().isBlank()) {
        finishReason = generation.getMetadata().getFinishReason();
      }
    }
  }

  String text() {
    return text.toString();
  }

  List<AssistantMessage.ToolCall> toolCalls() {
    return toolCalls;
  }

  List<Media> media() {
    return media;
  }

  String model() {
    return model;
  }

  Usage usage() {
    return usage;
  }

  String finishReason() {
    return finishReason;
  }
}
