package dev.parley.sdk.internal;

import java.time.Clock;

/**
 * The SDK's one source of time: the wall clock for timestamps ({@code sentAt}, default
 * message timestamps, {@code Retry-After} dates, spool file names), a monotonic clock, and
 * timers for everything that waits (a batch's age, the spool writer's gathering window,
 * retry backoff, {@code close()}'s timeout). Nothing else in the SDK reads the system clock,
 * sleeps, or waits with a timeout, so tests can substitute a fake that they advance by hand.
 *
 * <p>Timer tasks must be quick and must not block: they only hand work over (to a queue, an
 * executor or a future). Implementations are thread-safe.
 */
public interface TimeSource {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
  long nanoTime();

  /** The wall clock, in UTC. */
  Clock wallClock();

  /** Runs {@code task} once {@code delayNanos} have passed; the returned handle cancels it. */
  Cancellable schedule(Runnable task, long delayNanos);

  /** A scheduled task that has not run yet. */
  @FunctionalInterface
  interface Cancellable {
    /** A handle for nothing: cancelling it does nothing. */
    Cancellable NONE = () -> {};

    /** Stops the task from running if it has not started; does nothing otherwise. */
    void cancel();
  }
}
