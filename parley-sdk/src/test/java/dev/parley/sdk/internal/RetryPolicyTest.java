package dev.parley.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 3);

  @Test
  void retriesSegmentsSetOfStatuses() {
    assertThat(IntStream.rangeClosed(400, 599).filter(RetryPolicy::isRetryable).boxed().toList())
        .contains(408, 410, 429, 460, 500, 502, 503, 504, 599)
        .doesNotContain(400, 401, 403, 404, 413, 501, 505, 511);
    assertThat(RetryPolicy.isRetryable(200)).isFalse();
  }

  @Test
  void backoffIsFullJitterUnderAnExponentialCeiling() {
    for (int attempt = 1; attempt <= 10; attempt++) {
      long ceiling = Math.min(5_000, 100L << (attempt - 1));
      for (int i = 0; i < 50; i++) {
        assertThat(policy.delay(attempt, Optional.empty()).toMillis()).isBetween(1L, ceiling);
      }
    }
  }

  @Test
  void retryAfterIsHonouredUpToACap() {
    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(RetryPolicy.RETRY_AFTER_CAP);
  }

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    Instant now = Instant.parse("2026-11-20T10:00:00Z");
    assertThat(RetryPolicy.parseRetryAfter(Optional.of("3"), now)).contains(Duration.ofSeconds(3));
    assertThat(RetryPolicy.parseRetryAfter(Optional.of("Fri, 20 Nov 2026 10:00:30 GMT"), now))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter(Optional.of("soon"), now)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(Optional.empty(), now)).isEmpty();
  }

  @Test
  void allowsMaxRetriesAfterTheFirstAttempt() {
    assertThat(policy.mayRetry(3)).isTrue();
    assertThat(policy.mayRetry(4)).isFalse();
  }
}
