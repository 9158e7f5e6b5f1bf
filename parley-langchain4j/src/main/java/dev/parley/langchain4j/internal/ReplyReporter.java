package dev.parley.langchain4j.internal;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.parley.instrumentation.EventProperties;
import dev.parley.instrumentation.Guard;
import dev.parley.instrumentation.MediaTypes;
import dev.parley.instrumentation.TrackedConversation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends what a finished invocation did: Message Received, then an Action Invoked for each tool
 * run and a Media Generated for each image or audio clip, all referring to the reply.
 *
 * <p>Stateless and thread-safe; each run is sent holding the conversation's monitor.
 */
final class ReplyReporter {
  /** Where a Media Generated item came from: {@code reply}, {@code image_model}, ... */
  static final String SOURCE = "source";
  /** The AI Service method of a Message Received, such as {@code Assistant.chat}. */
  static final String AI_SERVICE = "ai_service";

  private final boolean captureToolArguments;
  private final Guard guard;

  ReplyReporter(boolean captureToolArguments, Guard guard) {
    this.captureToolArguments = captureToolArguments;
    this.guard = guard;
  }

  /** Reports a completed invocation whose AI Service returned {@code result}. */
  void completed(Invocation invocation, Object result) {
    TrackedConversation tracked = invocation.conversation();
    Optional<ChatResponse> response = invocation.lastResponse();
    AiMessage aiMessage = response.map(ChatResponse::aiMessage).orElse(null);
    if (aiMessage == null && result instanceof ChatResponse streamed) {
      aiMessage = streamed.aiMessage();
    }
    String body = MessageText.of(aiMessage, result);
    synchronized (tracked) {
      String replyId = tracked.messageReceived(body, replyProperties(invocation, response));
      reportToolsAndMedia(invocation, replyId);
      if (aiMessage != null) {
        for (Image image : aiMessage.images()) {
          String subType = MediaTypes.subType(image.mimeType(), image.url());
          guard.run(tracked, "Media Generated",
              () -> tracked.mediaGenerated(replyId, "image", subType, Map.of(SOURCE, "reply")));
        }
      }
    }
  }

  /**
   * Reports the tools and media of an invocation that failed, referring to the user's message
   * (there is no reply to refer to).
   */
  void failed(Invocation invocation) {
    synchronized (invocation.conversation()) {
      reportToolsAndMedia(invocation, invocation.sentMessageId());
    }
  }

  private void reportToolsAndMedia(Invocation invocation, String messageId) {
    TrackedConversation tracked = invocation.conversation();
    for (Invocation.ToolCall call : invocation.toolCalls()) {
      guard.run(tracked, "Action Invoked",
          () -> tracked.toolInvoked(messageId, call.request().name(), toolProperties(call)));
    }
    for (Invocation.Media media : invocation.media()) {
      guard.run(tracked, "Media Generated", () -> tracked.mediaGenerated(messageId, media.type(), media.subType(),
          Map.of(SOURCE, media.source())));
    }
  }

  private static Map<String, Object> replyProperties(Invocation invocation, Optional<ChatResponse> response) {
    Map<String, Object> properties = new LinkedHashMap<>();
    response.map(ChatResponse::modelName).ifPresent(model -> properties.put(EventProperties.MODEL, model));
    invocation.tokenUsage().ifPresent(usage -> putTokens(properties, usage));
    response.map(ChatResponse::finishReason).ifPresent(reason ->
        properties.put(EventProperties.FINISH_REASON, reason.name().toLowerCase(Locale.ROOT)));
    properties.put(EventProperties.LATENCY_MS, invocation.elapsed().toMillis());
    properties.put(AI_SERVICE, invocation.aiService());
    return properties;
  }

  private static void putTokens(Map<String, Object> properties, TokenUsage usage) {
    if (usage.inputTokenCount() != null) {
      properties.put(EventProperties.INPUT_TOKENS, usage.inputTokenCount());
    }
    if (usage.outputTokenCount() != null) {
      properties.put(EventProperties.OUTPUT_TOKENS, usage.outputTokenCount());
    }
    if (usage.totalTokenCount() != null) {
      properties.put(EventProperties.TOTAL_TOKENS, usage.totalTokenCount());
    }
  }

  private Map<String, Object> toolProperties(Invocation.ToolCall call) {
    Map<String, Object> properties = new LinkedHashMap<>();
    call.outcome().ifPresent(outcome -> {
      outcome.duration().ifPresent(d -> properties.put(EventProperties.DURATION_MS, d.toMillis()));
      properties.put(EventProperties.FAILED, outcome.failed());
    });
    if (captureToolArguments && call.request().arguments() != null) {
      properties.put(EventProperties.ARGUMENTS, call.request().arguments());
    }
    return properties;
  }
}
