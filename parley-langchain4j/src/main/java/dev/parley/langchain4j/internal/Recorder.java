package dev.parley.langchain4j.internal;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.event.ToolExecutedEvent;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import dev.parley.instrumentation.ConversationKeys;
import dev.parley.instrumentation.ConversationTracker;
import dev.parley.instrumentation.Guard;
import dev.parley.instrumentation.MediaTypes;
import dev.parley.instrumentation.ReplyReporter;
import dev.parley.instrumentation.TrackedConversation;
import dev.parley.sdk.CopilotAnalytics;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns LangChain4j's AI Service events into spec events. Invocations are correlated by
 * {@code invocationContext().invocationId()}; conversations by chat memory id.
 *
 * <p>Thread-safe: LangChain4j calls it from application threads, tool executor threads and,
 * for streaming, the model's threads. Every entry point is guarded: nothing it throws reaches
 * the application.
 */
public final class Recorder {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);
  /** Invocations never completed (a TokenStream never started) are dropped after this. */
  private static final Duration STALE_AFTER = Duration.ofMinutes(30);
  private static final int PURGE_ABOVE = 1_000;

  private final ConversationTracker<Object> conversations;
  private final Map<UUID, Invocation> invocations = new ConcurrentHashMap<>();
  private final ThreadLocal<Invocation> toolInvocation = new ThreadLocal<>();
  private final Guard guard;
  private final ReplyReporter replies;

  /**
   * A recorder sending through this client, conversations keyed by memory id as {@code keys}
   * says; Action Invoked carries the tool's arguments when {@code captureToolArguments}.
   */
  public Recorder(CopilotAnalytics analytics, ConversationKeys<Object> keys, boolean captureToolArguments) {
    this.conversations = new ConversationTracker<>(analytics, keys);
    this.guard = conversations.guard();
    this.replies = new ReplyReporter(captureToolArguments, guard);
  }

  /** The conversations, by memory id: for ending them, feedback and their ids. */
  public ConversationTracker<Object> conversations() {
    return conversations;
  }

  /** An invocation started: its conversation starts if new, and Message Sent is sent. */
  public void started(AiServiceStartedEvent event) {
    guard.run(null, "Conversation Started", () -> {
      InvocationContext context = event.invocationContext();
      TrackedConversation tracked = conversations.open(context.chatMemoryId());
      guard.run(tracked, "Message Sent", () -> {
        String messageId = tracked.messageSent(MessageText.of(event.userMessage()));
        purgeStaleInvocations();
        invocations.put(context.invocationId(), new Invocation(tracked, messageId, serviceName(context)));
      });
    });
  }

  /** A model response: kept for the model name, token counts and finish reason. */
  public void responseReceived(AiServiceResponseReceivedEvent event) {
    guard.run(null, "a model response", () -> invocation(event.invocationContext())
        .ifPresent(invocation -> invocation.responded(event.response())));
  }

  /** A tool ran: reported after the reply, as Action Invoked. */
  public void toolExecuted(ToolExecutedEvent event) {
    guard.run(null, "Action Invoked", () -> invocation(event.invocationContext())
        .ifPresent(invocation -> invocation.toolExecuted(event.request())));
  }

  /** The invocation completed: Message Received, then its actions and media. */
  public void completed(AiServiceCompletedEvent event) {
    guard.run(null, "Message Received", () -> {
      Invocation invocation = invocations.remove(event.invocationContext().invocationId());
      if (invocation == null) {
        log.debug("No Parley state for invocation {}", event.invocationContext().invocationId());
        return;
      }
      guard.run(invocation.conversation(), "Message Received",
          () -> replies.completed(invocation.conversation(),
              InvocationReport.completed(invocation, event.result().orElse(null))));
    });
  }

  /** The invocation failed: counted on the conversation's next event; its tools still reported. */
  public void failed(AiServiceErrorEvent event) {
    guard.run(null, "an AI Service error", () -> {
      InvocationContext context = event.invocationContext();
      Invocation invocation = invocations.remove(context.invocationId());
      Optional<TrackedConversation> tracked = invocation != null
          ? Optional.of(invocation.conversation())
          : conversations.find(context.chatMemoryId());
      String errorType = event.error() == null ? "unknown" : event.error().getClass().getName();
      log.warn("AI Service invocation {} in conversation {} failed: {}", context.invocationId(),
          tracked.map(TrackedConversation::conversationId).orElse("(none)"), errorType);
      tracked.ifPresent(t -> t.serviceFailed(event.error()));
      if (invocation != null) {
        guard.run(invocation.conversation(), "Action Invoked", () -> replies.failed(invocation.conversation(),
            invocation.sentMessageId(), invocation.toolCalls(), invocation.media()));
      }
    });
  }

  /** LangChain4j's before-tool callback: runs on the thread that executes the tool. */
  public void beforeTool(BeforeToolExecution before) {
    guard.run(null, "a tool start", () -> invocation(before.invocationContext()).ifPresent(toolInvocation::set));
  }

  /** LangChain4j's after-tool callback: records the tool's duration and outcome. */
  public void afterTool(ToolExecution execution) {
    toolInvocation.remove();
    guard.run(null, "a tool outcome", () -> invocation(execution.invocationContext()).ifPresent(invocation ->
        invocation.toolFinished(new Invocation.ToolOutcome(execution.request(),
            Optional.ofNullable(execution.duration()), execution.hasFailed()))));
  }

  /**
   * Records media made by a decorated model; kept with the invocation whose tool is running on
   * this thread, else dropped (logged at DEBUG).
   */
  public void mediaGenerated(String type, String mimeType, URI url, String source) {
    guard.run(null, "Media Generated", () -> {
      Invocation invocation = toolInvocation.get();
      if (invocation == null) {
        log.debug("{} media made outside an AI Service tool: not reported", type);
        return;
      }
      invocation.mediaGenerated(InvocationReport.media(type, MediaTypes.subType(mimeType, url), source));
    });
  }

  private Optional<Invocation> invocation(InvocationContext context) {
    return context == null ? Optional.empty() : Optional.ofNullable(invocations.get(context.invocationId()));
  }

  private void purgeStaleInvocations() {
    if (invocations.size() > PURGE_ABOVE) {
      long cutoff = System.nanoTime() - STALE_AFTER.toNanos();
      invocations.values().removeIf(invocation -> invocation.startedBefore(cutoff));
    }
  }

  private static String serviceName(InvocationContext context) {
    String name = context.interfaceName() == null ? "" : context.interfaceName();
    String simple = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    return simple + "." + context.methodName();
  }
}
