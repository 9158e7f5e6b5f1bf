package dev.parley.springai.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs instrumentation code so that its failures never reach the application: each is logged
 * (the exception's type only at WARN, since messages may quote user content; the stack trace
 * at DEBUG) and counted on the conversation's next event when the conversation is known.
 *
 * <p>Thread-safe.
 */
final class Guard {
  private static final Logger log = LoggerFactory.getLogger(Guard.class);

  private final AtomicLong failures = new AtomicLong();

  /** Runs {@code action}; a failure is counted on {@code conversation} (may be null). */
  void run(TrackedConversation conversation, String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      failures.incrementAndGet();
      log.warn("Parley could not record {} for conversation {}: {}", what,
          conversation == null ? "(unknown)" : conversation.conversationId(), e.getClass().getName());
      log.debug("Parley instrumentation failure", e);
      if (conversation != null) {
        conversation.instrumentationFailed();
      }
    }
  }

  long failures() {
    return failures.get();
  }
}
