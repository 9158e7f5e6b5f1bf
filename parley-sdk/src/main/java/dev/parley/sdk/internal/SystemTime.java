package dev.parley.sdk.internal;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Real time: {@link System#nanoTime()}, the system clock in UTC, and timers on one daemon
 * thread ({@code parley-timer}) shared by every client in the JVM, which ends after a
 * minute without timers. Each client cancels its own timers when it closes.
 */
public final class SystemTime implements TimeSource {
  /** The only instance. */
  public static final SystemTime INSTANCE = new SystemTime();

  private static final ScheduledThreadPoolExecutor TIMERS = timers();

  private SystemTime() {}

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Clock wallClock() {
    return Clock.systemUTC();
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    ScheduledFuture<?> timer = TIMERS.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> timer.cancel(false);
  }

  private static ScheduledThreadPoolExecutor timers() {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "parley-timer");
      thread.setDaemon(true);
      return thread;
    });
    // Cancelled timers (a batch shipped before its interval) leave the queue at once.
    timers.setRemoveOnCancelPolicy(true);
    timers.setKeepAliveTime(1, TimeUnit.MINUTES);
    timers.allowCoreThreadTimeOut(true);
    return timers;
  }
}
