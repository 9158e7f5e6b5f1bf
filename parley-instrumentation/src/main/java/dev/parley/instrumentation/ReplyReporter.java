package dev.parley.instrumentation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends what a finished turn did: Message Received, then an Action Invoked for each tool call
 * and a Media Generated for each media item, all referring to the reply. A turn that failed
 * has no reply, so its tools and media refer to the user's message instead.
 *
 * <p>Each Action Invoked and Media Generated runs through the {@link Guard} on its own, so one
 * the SDK refuses does not stop the others; a failure to send Message Received is thrown, for
 * the caller's guard. Stateless and thread-safe; each run is sent holding the conversation's
 * monitor, so runs of concurrent turns never interleave.
 */
public final class ReplyReporter {
  private final boolean captureToolArguments;
  private final Guard guard;

  /** A reporter counting failures on {@code guard}; tool arguments are sent only when {@code captureToolArguments}. */
  public ReplyReporter(boolean captureToolArguments, Guard guard) {
    this.captureToolArguments = captureToolArguments;
    this.guard = Objects.requireNonNull(guard, "guard == null");
  }

  /** Sends the reply, then its tools and media. */
  public void completed(TrackedConversation conversation, ReplyReport reply) {
    synchronized (conversation) {
      String replyId = conversation.messageReceived(reply.body(), reply.usage(), reply.properties());
      report(conversation, replyId, reply.tools(), reply.media());
    }
  }

  /** Sends the tools and media of a turn that failed, referring to the user's message {@code sentMessageId}. */
  public void failed(TrackedConversation conversation, String sentMessageId, List<ToolRun> tools,
      List<GeneratedMedia> media) {
    synchronized (conversation) {
      report(conversation, sentMessageId, tools, media);
    }
  }

  private void report(TrackedConversation conversation, String messageId, List<ToolRun> tools,
      List<GeneratedMedia> media) {
    for (ToolRun tool : tools) {
      guard.run(conversation, "Action Invoked",
          () -> conversation.toolInvoked(messageId, tool.name(), toolProperties(tool)));
    }
    for (GeneratedMedia item : media) {
      guard.run(conversation, "Media Generated",
          () -> conversation.mediaGenerated(messageId, item.type(), item.subType(), item.properties()));
    }
  }

  private Map<String, Object> toolProperties(ToolRun tool) {
    Map<String, Object> properties = new LinkedHashMap<>();
    tool.outcome().ifPresent(outcome -> {
      outcome.duration().ifPresent(duration -> properties.put(EventProperties.DURATION_MS, duration.toMillis()));
      properties.put(EventProperties.FAILED, outcome.failed());
    });
    if (captureToolArguments) {
      tool.arguments().ifPresent(arguments -> properties.put(EventProperties.ARGUMENTS, arguments));
    }
    return properties;
  }
}
