package dev.parley.server.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something another thread or process does in its own time, such as a server
 * noticing a change to {@code keys.json}: tries again every 20 ms until the answer is the one
 * expected or a generous deadline passes. Assert on the answer it returns, never on the time.
 */
public final class Eventually {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private Eventually() {}

  /** The first answer of {@code attempt} that {@code done} accepts, or the last one when the deadline passes. */
  public static <T> T answer(Supplier<T> attempt, Predicate<? super T> done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T answer = attempt.get();
    while (!done.test(answer) && System.nanoTime() - deadline < 0) {
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      answer = attempt.get();
    }
    return answer;
  }
}
