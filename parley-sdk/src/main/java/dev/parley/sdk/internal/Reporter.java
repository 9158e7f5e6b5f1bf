package dev.parley.sdk.internal;

import dev.parley.sdk.Callback;
import dev.parley.sdk.Failure;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts outcomes and tells the user's {@link Callback}. Thread-safe: counters are
 * adders, and a callback that throws is logged once, never propagated.
 */
public final class Reporter {
  private static final System.Logger LOG = System.getLogger("dev.parley.sdk");

  private final Callback callback;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final Set<Failure.Reason> logged = EnumSet.noneOf(Failure.Reason.class);
  private final AtomicBoolean callbackFailed = new AtomicBoolean();

  /** A reporter telling this callback. */
  public Reporter(Callback callback) {
    this.callback = Objects.requireNonNull(callback, "callback == null");
  }

  void delivered(List<EncodedMessage> messages) {
    delivered.add(messages.size());
    for (EncodedMessage message : messages) {
      call(() -> callback.delivered(message.ref()));
    }
  }

  void failed(List<EncodedMessage> messages, Failure failure) {
    failed.add(messages.size());
    LOG.log(Level.WARNING, "gave up on {0} message(s) ({1}): {2}", messages.size(), failure.reason(), failure.detail());
    for (EncodedMessage message : messages) {
      call(() -> callback.failed(message.ref(), failure));
    }
  }

  /** A message never sent; the first drop of each reason is logged. */
  public void dropped(EncodedMessage message, Failure failure) {
    dropped.increment();
    if (firstTime(failure.reason())) {
      LOG.log(Level.WARNING, "dropped message {0} ({1}): {2}; further drops for this reason are only counted",
          message.eventId(), failure.reason(), failure.detail());
    }
    call(() -> callback.failed(message.ref(), failure));
  }

  void retried(int messages) {
    retried.add(messages);
  }

  long delivered() {
    return delivered.sum();
  }

  long failed() {
    return failed.sum();
  }

  long dropped() {
    return dropped.sum();
  }

  long retried() {
    return retried.sum();
  }

  private boolean firstTime(Failure.Reason reason) {
    synchronized (logged) {
      return logged.add(reason);
    }
  }

  private void call(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      if (callbackFailed.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "the callback threw; this and later callback exceptions are ignored", e);
      }
    }
  }
}
