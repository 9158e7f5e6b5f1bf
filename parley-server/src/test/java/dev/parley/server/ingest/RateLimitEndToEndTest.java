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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over a source's rate limit, requests are answered 429 with Retry-After, and nothing is
 * stored; the limiter's time is the test's, moved on by hand.
 */
class RateLimitEndToEndTest {
  @TempDir Path dataDir;
  private final AtomicLong nanoTime = new AtomicLong();

  @Test
  void requestsOverTheRateLimitAreAnswered429WithRetryAfterAndNotStored() {
    try (TestServer server = TestServer.start(dataDir, c -> c.withRateLimit(1), nanoTime::get)) {
      assertThat(server.post("/v1/batch", fullBatch("rate-user")).statusCode()).isEqualTo(200);

      HttpResponse<String> over = server.post("/v1/track", Messages.started("over-user", "c", "rate-over").toString());

      assertThat(over.statusCode()).isEqualTo(429);
      assertThat(over.headers().firstValue("Retry-After")).contains("1");
      assertThat(server.events(Map.of("userId", "over-user"))).isEmpty();
      assertThat(server.events(Map.of("userId", "rate-user"))).isNotEmpty();
    }
  }

  @Test
  void aRateLimitedSourceIsAcceptedAgainOnceRetryAfterHasPassed() {
    try (TestServer server = TestServer.start(dataDir, c -> c.withRateLimit(1), nanoTime::get)) {
      assertThat(server.post("/v1/batch", fullBatch("recover-user")).statusCode()).isEqualTo(200);
      String again = Messages.started("recovered-user", "c", "again").toString();
      HttpResponse<String> over = server.post("/v1/track", again);
      assertThat(over.statusCode()).isEqualTo(429);
      long retryAfter = TimeUnit.SECONDS.toNanos(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow()));

      nanoTime.addAndGet(retryAfter - 1);
      assertThat(server.post("/v1/track", again).statusCode()).as("just before Retry-After").isEqualTo(429);
      nanoTime.addAndGet(1);
      assertThat(server.post("/v1/track", again).statusCode()).as("at Retry-After").isEqualTo(200);

      assertThat(server.events(Map.of("userId", "recovered-user")))
          .singleElement().satisfies(event -> assertThat(event.path("messageId").asText()).isEqualTo("again"));
    }
  }

  /**
   * The limit is taken as soon as the source and the message count are known, before any
   * message is validated or masked: a source over its limit costs no more than the parse.
   */
  @Test
  void theRateLimitIsTakenBeforeTheMessagesAreLookedAt() {
    try (TestServer server = TestServer.start(dataDir, c -> c.withRateLimit(1), nanoTime::get)) {
      assertThat(server.post("/v1/batch", fullBatch("first-user")).statusCode()).isEqualTo(200);
      String anonymous = "{\"type\":\"track\",\"event\":\"Conversation Started\",\"properties\":{}}";

      HttpResponse<String> over = server.post("/v1/track", anonymous);

      assertThat(over.statusCode()).as("429, not the 400 that reading the message would give").isEqualTo(429);
    }
  }

  /** The most messages one batch may carry, which the limiter's bucket holds at one event a second. */
  private static String fullBatch(String user) {
    List<ObjectNode> full = new ArrayList<>();
    for (int i = 0; i < SegmentLimits.MAX_BATCH_MESSAGES; i++) {
      full.add(Messages.started(user, "c", user + "-" + i));
    }
    return Messages.batch(full);
  }
}
