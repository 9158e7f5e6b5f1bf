package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.TestServer;
import dev.parley.spec.SegmentLimits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over a source's rate limit, requests are answered 429 with Retry-After, and nothing is stored. */
class RateLimitEndToEndTest {
  @TempDir Path dataDir;

  @Test
  void requestsOverTheRateLimitAreAnswered429WithRetryAfter() {
    try (TestServer server = TestServer.start(dataDir, c -> c.withRateLimit(1))) {
      List<ObjectNode> full = new ArrayList<>();
      for (int i = 0; i < SegmentLimits.MAX_BATCH_MESSAGES; i++) {
        full.add(Messages.started("rate-user", "c", "rate-" + i));
      }
      assertThat(server.post("/v1/batch", Messages.batch(full)).statusCode()).isEqualTo(200);

      HttpResponse<String> over = server.post("/v1/track", Messages.started("rate-user", "c", "rate-over").toString());

      assertThat(over.statusCode()).isEqualTo(429);
      assertThat(over.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v))
          .isPositive());
    }
  }

  @Test
  void theBucketRefillsWithTime() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(1_000, now::get);

    assertThat(limiter.take("s", 2_500)).isEmpty();
    assertThat(limiter.take("s", 10)).isEqualTo(OptionalInt.of(1));
    assertThat(limiter.take("other", 10)).as("each source has its own bucket").isEmpty();

    now.addAndGet(1_000_000_000L);
    assertThat(limiter.take("s", 900)).isEmpty();
    assertThat(RateLimiter.unlimited().take("s", 1_000_000)).isEmpty();
  }

  @Test
  void aRateLimitedSourceRecoversAfterRetryAfter() throws InterruptedException {
    try (TestServer server = TestServer.start(dataDir, c -> c.withRateLimit(1))) {
      List<ObjectNode> full = new ArrayList<>();
      for (int i = 0; i < SegmentLimits.MAX_BATCH_MESSAGES; i++) {
        full.add(Messages.started("recover-user", "c", "recover-" + i));
      }
      assertThat(server.post("/v1/batch", Messages.batch(full)).statusCode()).isEqualTo(200);
      HttpResponse<String> over = server.post("/v1/track", Messages.started("recover-user", "c", "again").toString());
      assertThat(over.statusCode()).isEqualTo(429);

      Thread.sleep(Integer.parseInt(over.headers().firstValue("Retry-After").orElseThrow()) * 1000L);

      assertThat(server.post("/v1/track", Messages.started("recover-user", "c", "again").toString()).statusCode())
          .isEqualTo(200);
      assertThat(server.events(java.util.Map.of("userId", "recover-user", "limit", "1000"))).isNotEmpty();
    }
  }
}
