package dev.parley.langchain4j.internal;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.parley.instrumentation.GeneratedMedia;
import dev.parley.instrumentation.MediaTypes;
import dev.parley.instrumentation.ReplyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished AI Service invocation sends, as the shared {@link ReplyReport}, and the
 * properties only this integration sends. Stateless; thread-safe.
 */
final class InvocationReport {
  /** Where a Media Generated item came from: {@code reply}, {@code image_model}, ... */
  static final String SOURCE = "source";
  /** The AI Service method of a Message Received, such as {@code Assistant.chat}. */
  static final String AI_SERVICE = "ai_service";

  private InvocationReport() {}

  /** An image or audio clip made for an invocation, with where it came from. */
  static GeneratedMedia media(String type, String subType, String source) {
    return new GeneratedMedia(type, subType, Map.of(SOURCE, source));
  }

  /**
   * The report of a completed invocation whose AI Service returned {@code result}: the reply,
   * its tool runs, then the media made by decorated models and the images in the reply.
   */
  static ReplyReport completed(Invocation invocation, Object result) {
    Optional<ChatResponse> response = invocation.lastResponse();
    AiMessage aiMessage = response.map(ChatResponse::aiMessage).orElse(null);
    if (aiMessage == null && result instanceof ChatResponse streamed) {
      aiMessage = streamed.aiMessage();
    }
    List<GeneratedMedia> media = new ArrayList<>(invocation.media());
    if (aiMessage != null) {
      for (Image image : aiMessage.images()) {
        media.add(media("image", MediaTypes.subType(image.mimeType(), image.url()), "reply"));
      }
    }
    ReplyReport.Builder report = ReplyReport.builder(MessageText.of(aiMessage, result), invocation.elapsed())
        .model(response.map(ChatResponse::modelName).orElse(null))
        .finishReason(response.map(ChatResponse::finishReason).map(FinishReason::name).orElse(null))
        .property(AI_SERVICE, invocation.aiService())
        .tools(invocation.toolCalls())
        .media(media);
    invocation.tokenUsage().ifPresent(usage ->
        report.tokens(usage.inputTokenCount(), usage.outputTokenCount(), usage.totalTokenCount()));
    return report.build();
  }
}
