package dev.parley.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.parley.instrumentation.GeneratedMedia;
import dev.parley.instrumentation.ToolRun;
import dev.parley.instrumentation.TrackedConversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * What one AI Service invocation has done so far: the chat message that started it, the model
 * responses, the tools run and the media made; reported when it completes or fails.
 *
 * <p>Thread-safe: tools may run on several threads at once, and a streaming invocation
 * completes on the model's thread.
 */
final class Invocation {
  private final TrackedConversation conversation;
  private final String sentMessageId;
  private final String aiService;
  private final long startNanos = System.nanoTime();
  private final List<ToolRun> toolCalls = new ArrayList<>();
  private final List<ToolOutcome> unmatchedOutcomes = new ArrayList<>();
  private final List<GeneratedMedia> media = new ArrayList<>();
  private ChatResponse lastResponse;
  private TokenUsage tokenUsage;

  Invocation(TrackedConversation conversation, String sentMessageId, String aiService) {
    this.conversation = conversation;
    this.sentMessageId = sentMessageId;
    this.aiService = aiService;
  }

  TrackedConversation conversation() {
    return conversation;
  }

  String sentMessageId() {
    return sentMessageId;
  }

  String aiService() {
    return aiService;
  }

  boolean startedBefore(long nanos) {
    return startNanos - nanos < 0;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  synchronized void responded(ChatResponse response) {
    lastResponse = response;
    tokenUsage = TokenUsage.sum(tokenUsage, response.tokenUsage());
  }

  synchronized Optional<ChatResponse> lastResponse() {
    return Optional.ofNullable(lastResponse);
  }

  synchronized Optional<TokenUsage> tokenUsage() {
    return Optional.ofNullable(tokenUsage);
  }

  /** Records a tool's timing and outcome, seen by LangChain4j's after-tool callback. */
  synchronized void toolFinished(ToolOutcome outcome) {
    unmatchedOutcomes.add(outcome);
  }

  /** Records a tool run, seen by the ToolExecutedEvent, with the outcome recorded for it if any. */
  synchronized void toolExecuted(ToolExecutionRequest request) {
    ToolOutcome outcome = null;
    for (Iterator<ToolOutcome> it = unmatchedOutcomes.iterator(); it.hasNext(); ) {
      ToolOutcome candidate = it.next();
      if (candidate.request().equals(request)) {
        outcome = candidate;
        it.remove();
        break;
      }
    }
    toolCalls.add(outcome == null
        ? ToolRun.unobserved(request.name(), request.arguments())
        : ToolRun.observed(request.name(), request.arguments(), outcome.duration(), outcome.failed()));
  }

  synchronized void mediaGenerated(GeneratedMedia item) {
    media.add(item);
  }

  synchronized List<ToolRun> toolCalls() {
    return List.copyOf(toolCalls);
  }

  synchronized List<GeneratedMedia> media() {
    return List.copyOf(media);
  }

  /** A tool's timing and outcome, seen by LangChain4j's after-tool callback. */
  record ToolOutcome(ToolExecutionRequest request, Optional<Duration> duration, boolean failed) {}
}
