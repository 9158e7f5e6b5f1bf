package dev.parley.sdk.support;

import dev.parley.sdk.internal.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link TimeSource} that stands still until a test moves it: {@link #advance} moves the
 * monotonic and the wall clock together and runs every timer that comes due, in order, on
 * the calling thread. A timer set for no time at all runs at once. Thread-safe: the SDK's
 * threads set timers while the test advances.
 */
public final class FakeClock implements TimeSource {
  /** How long, in real time, {@link #awaitTimer} waits for the SDK before failing the test. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private record Timer(long dueNanos, long delayNanos, long sequence, Runnable task) {}

  private final Instant start;
  private final PriorityQueue<Timer> timers = new PriorityQueue<>(
      Comparator.comparingLong(Timer::dueNanos).thenComparingLong(Timer::sequence));
  private final Clock wall = new Wall();
  private long nanos;
  private long sequence;

  /** A clock whose wall time starts at 2026-11-20T10:00:00Z. */
  public FakeClock() {
    this(Instant.parse("2026-11-20T10:00:00Z"));
  }

  /** A clock whose wall time starts at {@code start}. */
  public FakeClock(Instant start) {
    this.start = start;
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public Clock wallClock() {
    return wall;
  }

  /** The wall time now. */
  public synchronized Instant instant() {
    return start.plusNanos(nanos);
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    if (delayNanos <= 0) {
      task.run();
      return Cancellable.NONE;
    }
    Timer timer;
    synchronized (this) {
      timer = new Timer(nanos + delayNanos, delayNanos, sequence++, task);
      timers.add(timer);
      notifyAll();
    }
    return () -> {
      synchronized (FakeClock.this) {
        timers.remove(timer);
      }
    };
  }

  /** Moves time forward by {@code duration}, running each timer that comes due at its own time. */
  public void advance(Duration duration) {
    long target;
    synchronized (this) {
      target = nanos + duration.toNanos();
    }
    while (true) {
      Timer due;
      synchronized (this) {
        due = timers.peek();
        if (due == null || due.dueNanos() > target) {
          nanos = target;
          return;
        }
        timers.poll();
        nanos = Math.max(nanos, due.dueNanos());
      }
      due.task().run();
    }
  }

  /**
   * Waits until a timer set for exactly {@code delay} is pending: the sign that the SDK has
   * reached the wait a test means to end. Fails after 20 s of real time.
   */
  public synchronized void awaitTimer(Duration delay) {
    long wanted = delay.toNanos();
    long giveUp = System.nanoTime() + PATIENCE.toNanos();
    while (timers.stream().noneMatch(t -> t.delayNanos() == wanted)) {
      long left = giveUp - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no timer set for " + delay + "; pending: " + pendingTimers());
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for a timer", e);
      }
    }
  }

  /** The delays the pending timers were set for, soonest due first. */
  public synchronized List<Duration> pendingTimers() {
    List<Timer> pending = new ArrayList<>(timers);
    pending.sort(timers.comparator());
    return pending.stream().map(t -> Duration.ofNanos(t.delayNanos())).toList();
  }

  /** The wall-clock view, for timestamps. */
  private final class Wall extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the fake clock is in UTC");
    }

    @Override
    public Instant instant() {
      return FakeClock.this.instant();
    }
  }
}
