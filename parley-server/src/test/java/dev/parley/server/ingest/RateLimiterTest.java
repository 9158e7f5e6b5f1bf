package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong();

  @Test
  void theBucketRefillsWithTime() {
    RateLimiter limiter = new RateLimiter(1_000, now::get);

    assertThat(limiter.take("s", 2_500)).isEmpty();
    assertThat(limiter.take("s", 10)).isEqualTo(OptionalInt.of(1));
    assertThat(limiter.take("other", 10)).as("each source has its own bucket").isEmpty();

    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(limiter.take("s", 900)).isEmpty();
    assertThat(RateLimiter.unlimited().take("s", 1_000_000)).isEmpty();
  }

  @Test
  void retryAfterIsTheWholeSecondsTheMissingEventsTakeToRefill() {
    RateLimiter limiter = new RateLimiter(10, now::get); // holds a full batch: 2,500 events

    assertThat(limiter.take("s", 2_500)).isEmpty();
    OptionalInt wait = limiter.take("s", 25);
    assertThat(wait).as("25 events at 10 a second: 2.5 s, rounded up").isEqualTo(OptionalInt.of(3));

    now.addAndGet(TimeUnit.SECONDS.toNanos(wait.getAsInt() - 1));
    assertThat(limiter.take("s", 25)).as("a second before Retry-After").isPresent();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(limiter.take("s", 25)).as("at Retry-After").isEmpty();
  }

  @Test
  void aRefusedRequestTakesNothingFromTheBucket() {
    RateLimiter limiter = new RateLimiter(10, now::get);
    assertThat(limiter.take("s", 2_490)).isEmpty();

    assertThat(limiter.take("s", 11)).isPresent();
    assertThat(limiter.take("s", 10)).as("the refused 11 left the 10 there").isEmpty();
  }
}
