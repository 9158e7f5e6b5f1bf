package dev.parley.springai.internal;

import dev.parley.instrumentation.GeneratedMedia;
import dev.parley.instrumentation.MediaTypes;
import dev.parley.instrumentation.ReplyReport;
import dev.parley.instrumentation.ToolRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/**
 * What a finished ChatClient exchange sends, as the shared {@link ReplyReport}, and the
 * property only this integration sends. Stateless; thread-safe.
 */
final class ExchangeReport {
  /** Whether a Message Received came from a stream. */
  static final String STREAMING = "streaming";

  private ExchangeReport() {}

  /**
   * The report of a completed exchange: the reply, the tool runs observed for it, the tool calls
   * left in the reply, then the reply's media.
   */
  static ReplyReport completed(ChatTurn turn, Reply reply) {
    ReplyReport.Builder report = ReplyReport.builder(body(reply), turn.elapsed())
        .model(reply.model())
        .finishReason(reply.finishReason())
        .property(STREAMING, turn.streaming())
        .tools(tools(turn.tools(), reply.toolCalls()))
        .media(reply.media().stream().map(ExchangeReport::media).toList());
    Usage usage = reply.usage();
    if (usage != null) {
      report.tokens(usage.getPromptTokens(), usage.getCompletionTokens(), usage.getTotalTokens());
    }
    return report.build();
  }

  /**
   * The runs observed, then the tool calls the reply asks for that nobody ran here (internal
   * tool execution off, or return-direct tools).
   */
  private static List<ToolRun> tools(List<ToolRun> observed, List<AssistantMessage.ToolCall> requested) {
    List<AssistantMessage.ToolCall> unobserved = new ArrayList<>(requested);
    for (ToolRun run : observed) {
      unobserved.removeIf(call -> Objects.equals(run.name(), call.name()));
    }
    List<ToolRun> runs = new ArrayList<>(observed);
    for (AssistantMessage.ToolCall call : unobserved) {
      runs.add(ToolRun.unobserved(call.name(), call.arguments()));
    }
    return runs;
  }

  private static GeneratedMedia media(Media media) {
    return new GeneratedMedia(type(media.getMimeType()), subType(media.getMimeType()), Map.of());
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
