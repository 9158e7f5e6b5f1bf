package dev.parley.instrumentation;

import dev.parley.sdk.Conversation;
import dev.parley.sdk.Usage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One conversation as an integration sees it: the SDK handle, plus the errors waiting to be
 * reported on its next event and the id of its latest reply. Every event it sends carries
 * those pending errors, which are then cleared.
 *
 * <p>Thread-safe. Callers hold this object's monitor while sending a run of events that must
 * stay together (a reply, then its actions and media), so runs never interleave; each send
 * method holds it too.
 */
public final class TrackedConversation {
  private static final String UNKNOWN = "unknown";

  private final Conversation conversation;
  private int serviceErrors;
  private String lastErrorType;
  private int instrumentationErrors;
  private String lastReplyId;

  /** Tracks this SDK conversation, with no errors pending. */
  public TrackedConversation(Conversation conversation) {
    this.conversation = conversation;
  }

  /** The id sent with every event of the conversation. */
  public String conversationId() {
    return conversation.conversationId();
  }

  /** Counts a failure of the application's model call; {@code error} may be null. */
  public synchronized void serviceFailed(Throwable error) {
    serviceErrors++;
    lastErrorType = error == null ? UNKNOWN : error.getClass().getName();
  }

  /** Counts a failure inside the instrumentation. */
  public synchronized void instrumentationFailed() {
    instrumentationErrors++;
  }

  /**
   * The extra properties for the next event: {@code base} plus the errors counted since the
   * last event, which are then cleared. Call with the monitor held, just before sending.
   */
  public synchronized Map<String, Object> withPendingErrors(Map<String, Object> base) {
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

  /** The chat message id of the latest Message Received. */
  public synchronized Optional<String> lastReplyId() {
    return Optional.ofNullable(lastReplyId);
  }

  /** Sends Message Sent (role {@code customer}); returns its chat message id. */
  public synchronized String messageSent(String body) {
    return conversation.messageSent(body, EventProperties.CUSTOMER_ROLE, withPendingErrors(Map.of()));
  }

  /**
   * Sends Message Received (role {@code ai_agent}) with the model and tokens of {@code usage},
   * and remembers it as the latest reply; returns its chat message id.
   */
  public synchronized String messageReceived(String body, Usage usage, Map<String, Object> properties) {
    String replyId = conversation.messageReceived(body, EventProperties.AGENT_ROLE, usage,
        withPendingErrors(properties));
    lastReplyId = replyId;
    return replyId;
  }

  /** Sends Action Invoked of type {@code tool}; a blank or null tool name is sent as {@code unknown}. */
  public synchronized void toolInvoked(String messageId, String toolName, Map<String, Object> properties) {
    String action = toolName == null || toolName.isBlank() ? UNKNOWN : toolName;
    conversation.actionInvoked(messageId, "tool", action, EventProperties.AGENT_ROLE, withPendingErrors(properties));
  }

  /** Sends Media Generated (role {@code ai_agent}). */
  public synchronized void mediaGenerated(String messageId, String type, String subType,
      Map<String, Object> properties) {
    conversation.mediaGenerated(messageId, type, subType, EventProperties.AGENT_ROLE, withPendingErrors(properties));
  }

  /** Sends Feedback Submitted; {@code messageId} null rates the whole conversation. */
  public synchronized void feedback(String messageId, double rating) {
    Map<String, Object> properties = withPendingErrors(Map.of());
    if (messageId == null) {
      conversation.feedback(rating, properties);
    } else {
      conversation.feedback(messageId, rating, properties);
    }
  }

  /** Sends Conversation Ended. */
  public synchronized void end() {
    conversation.end(withPendingErrors(Map.of()));
  }
}
