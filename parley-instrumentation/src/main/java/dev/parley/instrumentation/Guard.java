package dev.parley.instrumentation;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs instrumentation code so that its failures never reach the application: each is logged
 * (the exception's type only at WARN, since messages may quote user content; the stack trace
 * at DEBUG) and counted on the conversation's next event when the conversation is known.
 *
 * <p>Thread-safe: one instance serves every thread of an integration.
 */
public final class Guard {
  private static final Logger log = LoggerFactory.getLogger(Guard.class);

  private final AtomicLong failures = new AtomicLong();

  /**
   * Runs {@code action}; a failure is logged as failing to record {@code what}, and counted on
   * {@code conversation} when it is not null.
   */
  public void run(TrackedConversation conversation, String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      failures.incrementAndGet();
      String conversationId = conversation == null ? "(unknown)" : safeId(conversation);
      log.warn("Parley could not record {} for conversation {}: {}", what, conversationId, e.getClass().getName());
      log.debug("Parley instrumentation failure", e);
      if (conversation != null) {
        conversation.instrumentationFailed();
      }
    }
  }

  /** Instrumentation failures since this instance was made. */
  public long failures() {
    return failures.get();
  }

  private static String safeId(TrackedConversation conversation) {
    try {
      return conversation.conversationId();
    } catch (RuntimeException e) {
      return "(unknown)";
    }
  }
}
