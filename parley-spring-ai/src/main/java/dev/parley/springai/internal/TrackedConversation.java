package dev.parley.springai.internal;

import dev.parley.sdk.Conversation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One conversation as seen through Spring AI: the SDK handle, plus the errors waiting to be
 * reported on its next event and the id of its latest reply.
 *
 * <p>Thread-safe. Callers hold this object's monitor while sending a run of events that must
 * stay together (a reply, then its actions and media), so runs never interleave.
 */
final class TrackedConversation {
  private final Conversation conversation;
  private int serviceErrors;
  private String lastErrorType;
  private int instrumentationErrors;
  private String lastReplyId;

  TrackedConversation(Conversation conversation) {
    this.conversation = conversation;
  }

  Conversation handle() {
    return conversation;
  }

  String conversationId() {
    return conversation.conversationId();
  }

  synchronized void serviceFailed(Throwable error) {
    serviceErrors++;
    lastErrorType = error == null ? "unknown" : error.getClass().getName();
  }

  synchronized void instrumentationFailed() {
    instrumentationErrors++;
  }

  /**
   * The extra properties for the next event: {@code base} plus the errors counted since the
   * last event, which are then cleared. Call with the monitor held, just before sending.
   */
  synchronized Map<String, Object> withPendingErrors(Map<String, Object> base) {
    if (serviceErrors == 0 && instrumentationErrors == 0) {
      return base;
    }
    Map<String, Object> properties = new LinkedHashMap<>(base);
    if (serviceErrors > 0) {
      properties.put(EventProperties.ERROR_COUNT, serviceErrors);
      properties.put(EventProperties.LAST_ERROR, lastErrorType);
    }
    if (instrumentationErrors > 0) {
      properties.put(EventProperties.INSTRUMENTATION_ERROR_COUNT, instrumentationErrors);
    }
    serviceErrors = 0;
    lastErrorType = null;
    instrumentationErrors = 0;
    return properties;
  }

  synchronized void replied(String replyId) {
    lastReplyId = replyId;
  }

  synchronized Optional<String> lastReplyId() {
    return Optional.ofNullable(lastReplyId);
  }
}
