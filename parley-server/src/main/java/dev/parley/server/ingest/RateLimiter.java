package dev.parley.server.ingest;

import dev.parley.spec.SegmentLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Limits the events each source may send per second (a token bucket per source that holds
 * two seconds' worth, and at least one full batch). Thread-safe.
 */
public final class RateLimiter {
  private final double perSecond;
  private final double capacity;
  private final LongSupplier nanoTime;
  private final Map<String, double[]> buckets = new HashMap<>();

  /** A limiter of {@code perSecond} events per source; zero or less means no limit. */
  public RateLimiter(int perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.capacity = Math.max(2.0 * perSecond, SegmentLimits.MAX_BATCH_MESSAGES);
    this.nanoTime = nanoTime;
  }

  /** No limit at all. */
  public static RateLimiter unlimited() {
    return new RateLimiter(0, System::nanoTime);
  }

  /**
   * Takes {@code events} from the source's bucket. Empty when allowed; else the seconds to
   * wait before the same request can pass (for {@code Retry-After}), and nothing is taken.
   */
  public synchronized OptionalInt take(String source, int events) {
    if (perSecond <= 0) {
      return OptionalInt.empty();
    }
    long now = nanoTime.getAsLong();
    double[] bucket = buckets.computeIfAbsent(source, k -> new double[] {capacity, now});
    bucket[0] = Math.min(capacity, bucket[0] + (now - (long) bucket[1]) / 1e9 * perSecond);
    bucket[1] = now;
    if (bucket[0] >= events) {
      bucket[0] -= events;
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Math.max(1, Math.ceil((events - bucket[0]) / perSecond)));
  }
}
