package dev.parley.springai.internal;

import dev.parley.instrumentation.EventProperties;
import dev.parley.instrumentation.Guard;
import dev.parley.instrumentation.MediaTypes;
import dev.parley.instrumentation.TrackedConversation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * Sends what a finished exchange did: Message Received, then an Action Invoked for each tool
 * run (observed, or requested in the reply) and a Media Generated for each media item of the
 * reply, all referring to the reply. Stateless and thread-safe; each run is sent holding the
 * conversation's monitor.
 */
final class ReplyReporter {
  /** Whether a Message Received came from a stream. */
  static final String STREAMING = "streaming";

  private final boolean captureToolArguments;
  private final Guard guard;

  ReplyReporter(boolean captureToolArguments, Guard guard) {
    this.captureToolArguments = captureToolArguments;
    this.guard = guard;
  }

  void completed(ChatTurn turn, Reply reply) {
    TrackedConversation tracked = turn.conversation();
    synchronized (tracked) {
      String replyId = tracked.messageReceived(body(reply), replyProperties(turn, reply));
      reportTools(turn, replyId, reply.toolCalls());
      for (Media media : reply.media()) {
        guard.run(tracked, "Media Generated", () -> tracked.mediaGenerated(replyId,
            type(media.getMimeType()), subType(media.getMimeType()), Map.of()));
      }
    }
  }

  /** Reports the tools of an exchange that failed, referring to the user's message. */
  void failed(ChatTurn turn) {
    synchronized (turn.conversation()) {
      reportTools(turn, turn.sentMessageId(), List.of());
    }
  }

  private void reportTools(ChatTurn turn, String messageId, List<AssistantMessage.ToolCall> requested) {
    TrackedConversation tracked = turn.conversation();
    List<AssistantMessage.ToolCall> unobserved = new ArrayList<>(requested);
    for (ChatTurn.ObservedTool tool : turn.tools()) {
      unobserved.removeIf(call -> tool.name().equals(call.name()));
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put(EventProperties.DURATION_MS, tool.duration().toMillis());
      properties.put(EventProperties.FAILED, tool.failed());
      tool.arguments().ifPresent(arguments -> properties.put(EventProperties.ARGUMENTS, arguments));
      guard.run(tracked, "Action Invoked", () -> tracked.toolInvoked(messageId, tool.name(), properties));
    }
    // Tool calls the reply asks for but nobody ran here (internal tool execution off, or return-direct).
    for (AssistantMessage.ToolCall call : unobserved) {
      Map<String, Object> properties = new LinkedHashMap<>();
      if (captureToolArguments && call.arguments() != null) {
        properties.put(EventProperties.ARGUMENTS, call.arguments());
      }
      guard.run(tracked, "Action Invoked", () -> tracked.toolInvoked(messageId, call.name(), properties));
    }
  }

  private static Map<String, Object> replyProperties(ChatTurn turn, Reply reply) {
    Map<String, Object> properties = new LinkedHashMap<>();
    if (reply.model() != null) {
      properties.put(EventProperties.MODEL, reply.model());
    }
    Usage usage = reply.usage();
    if (usage != null) {
      putIfPresent(properties, EventProperties.INPUT_TOKENS, usage.getPromptTokens());
      putIfPresent(properties, EventProperties.OUTPUT_TOKENS, usage.getCompletionTokens());
      putIfPresent(properties, EventProperties.TOTAL_TOKENS, usage.getTotalTokens());
    }
    if (reply.finishReason() != null) {
      properties.put(EventProperties.FINISH_REASON, reply.finishReason().toLowerCase(Locale.ROOT));
    }
    properties.put(EventProperties.LATENCY_MS, turn.elapsed().toMillis());
    properties.put(STREAMING, turn.streaming());
    return properties;
  }

  private static void putIfPresent(Map<String, Object> properties, String name, Integer value) {
    if (value != null) {
      properties.put(name, value);
    }
  }

  private static String body(Reply reply) {
    String text = reply.text();
    if (!text.isBlank()) {
      return text;
    }
    if (!reply.media().isEmpty()) {
      return "[" + type(reply.media().get(0).getMimeType()) + "]";
    }
    return reply.toolCalls().isEmpty() ? "[no text]" : "[tool call]";
  }

  /** {@code image/png} gives {@code image}; a missing or wildcard type gives {@code unknown}. */
  private static String type(MimeType mimeType) {
    return mimeType == null || mimeType.isWildcardType()
        ? MediaTypes.UNKNOWN
        : mimeType.getType().toLowerCase(Locale.ROOT);
  }

  /** {@code image/png} gives {@code png}, {@code audio/mpeg} gives {@code mp3}; a wildcard gives {@code unknown}. */
  private static String subType(MimeType mimeType) {
    return mimeType == null || mimeType.isWildcardSubtype()
        ? MediaTypes.UNKNOWN
        : MediaTypes.subType(mimeType.getType() + "/" + mimeType.getSubtype(), null);
  }
}
