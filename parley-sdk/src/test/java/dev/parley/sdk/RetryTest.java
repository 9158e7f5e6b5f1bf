package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.support.FakeClock;
import dev.parley.sdk.support.TestCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {
  private final TestCollector collector = TestCollector.start();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final CopilotAnalytics analytics = CopilotAnalytics.builder("key")
      .endpoint(collector.uri())
      .flushInterval(Duration.ofMinutes(5))
      .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(40))
      .maxRetries(3)
      .callback(new Callback() {
        @Override
        public void delivered(EventRef event) {
          delivered.add(event.eventId());
        }

        @Override
        public void failed(EventRef event, Failure failure) {
          failures.add(failure);
        }
      })
      .build();

  @AfterEach
  void stop() {
    analytics.close();
    collector.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, 408, 429, 460})
  void retriesRetryableStatusesWithTheSameMessageIds(int status) {
    collector.respondInOrder(status, status);
    sendThree();
    analytics.flush();

    List<TestCollector.Request> requests = collector.requests();
    assertThat(requests).extracting(TestCollector.Request::status).containsExactly(status, status, 200);
    assertThat(ids(requests.get(0))).isEqualTo(ids(requests.get(2)));
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(ids(requests.get(2)));
    assertThat(analytics.stats().retried()).isEqualTo(6);
    assertThat(analytics.stats().delivered()).isEqualTo(3);
    assertThat(failures).isEmpty();
  }

  @Test
  void retriesAfterNetworkErrors() {
    int port = collector.port();
    collector.close();
    try (CopilotAnalytics patient = CopilotAnalytics.builder("key").endpoint(collector.uri())
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(40)).maxRetries(1_000).build()) {
      patient.track(Identity.userId("u"), "Signed Up", Map.of());
      patient.flushAsync();
      TestCollector.await(() -> patient.stats().retried() >= 1, Duration.ofSeconds(20), "for a retry");
      try (TestCollector back = TestCollector.startOn(port)) {
        back.awaitDelivered(1);
        patient.flush();
        assertThat(patient.stats().delivered()).isEqualTo(1);
        assertThat(patient.stats().failed()).isZero();
      }
    }
  }

  @Test
  void honoursRetryAfterOn429() {
    FakeClock clock = new FakeClock();
    collector.respond((i, r) -> i == 0
        ? new TestCollector.Response(429, Map.of("Retry-After", "7"))
        : TestCollector.Response.of(200));
    try (CopilotAnalytics patient = CopilotAnalytics.builder("key").endpoint(collector.uri()).timeSource(clock)
        .flushInterval(Duration.ofMinutes(5)).retryBackoff(Duration.ofMillis(5), Duration.ofMillis(40)).build()) {
      patient.track(Identity.userId("u"), "Signed Up", Map.of());
      CompletableFuture<Void> flushed = patient.flushAsync();
      clock.awaitTimer(Duration.ofSeconds(7));
      assertThat(collector.requests()).hasSize(1);

      clock.advance(Duration.ofSeconds(7));
      assertThat(flushed).succeedsWithin(Duration.ofSeconds(20));
      List<TestCollector.Request> requests = collector.requests();
      assertThat(requests).extracting(TestCollector.Request::status).containsExactly(429, 200);
      assertThat(ids(requests.get(0))).isEqualTo(ids(requests.get(1)));
    }
  }

  @Test
  void retryAfterAsAnHttpDateIsReadOnTheClientsClock() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-20T10:00:00Z"));
    collector.respond((i, r) -> i == 0
        ? new TestCollector.Response(503, Map.of("Retry-After", "Fri, 20 Nov 2026 10:00:30 GMT"))
        : TestCollector.Response.of(200));
    try (CopilotAnalytics patient = CopilotAnalytics.builder("key").endpoint(collector.uri()).timeSource(clock)
        .flushInterval(Duration.ofMinutes(5)).build()) {
      patient.track(Identity.userId("u"), "Signed Up", Map.of());
      CompletableFuture<Void> flushed = patient.flushAsync();
      clock.awaitTimer(Duration.ofSeconds(30));
      clock.advance(Duration.ofSeconds(30));

      assertThat(flushed).succeedsWithin(Duration.ofSeconds(20));
      assertThat(collector.requests()).extracting(TestCollector.Request::status).containsExactly(503, 200);
    }
  }

  @Test
  void aBatchWaitingToRetryDoesNotHoldUpLaterBatches() {
    FakeClock clock = new FakeClock();
    collector.respond((i, r) -> i == 0
        ? new TestCollector.Response(429, Map.of("Retry-After", "1"))
        : TestCollector.Response.of(200));
    try (CopilotAnalytics single = CopilotAnalytics.builder("key").endpoint(collector.uri()).timeSource(clock)
        .flushInterval(Duration.ofMinutes(5)).maxConcurrentUploads(1).build()) {
      single.track(Identity.userId("u"), "First", Map.of());
      single.flushAsync();
      clock.awaitTimer(Duration.ofSeconds(1));
      single.track(Identity.userId("u"), "Second", Map.of());
      CompletableFuture<Void> flushed = single.flushAsync();
      // No time passes on the client's clock: the first batch is still waiting for its retry.
      collector.awaitDelivered(1);
      clock.advance(Duration.ofSeconds(1));
      assertThat(flushed).succeedsWithin(Duration.ofSeconds(20));

      assertThat(collector.requests()).extracting(r -> r.messages().get(0).get("event").asText())
          .containsExactly("First", "Second", "First");
      assertThat(collector.requests()).extracting(TestCollector.Request::status).containsExactly(429, 200, 200);
    }
  }

  @Test
  void splits413BatchesInHalvesUntilTheyPass() {
    collector.respond((i, r) -> TestCollector.Response.of(r.messages().size() > 2 ? 413 : 200));
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    for (int i = 0; i < 7; i++) {
      chat.messageSent("m" + i);
    }
    analytics.flush();

    List<JsonNode> sent = collector.delivered();
    assertThat(sent).hasSize(8);
    assertThat(sent.stream().map(m -> m.get("messageId").asText()).distinct()).hasSize(8);
    assertThat(collector.requests()).filteredOn(TestCollector.Request::succeeded)
        .allSatisfy(r -> assertThat(r.messages().size()).isLessThanOrEqualTo(2));
    assertThat(analytics.stats().delivered()).isEqualTo(8);
  }

  @Test
  void dropsAndReportsA400WithoutRetrying() {
    collector.respondInOrder(400);
    sendThree();
    analytics.flush();

    assertThat(collector.requests()).hasSize(1);
    assertThat(failures).hasSize(3).allSatisfy(f -> {
      assertThat(f.reason()).isEqualTo(Failure.Reason.REJECTED);
      assertThat(f.httpStatus()).isEqualTo(OptionalInt.of(400));
    });
    assertThat(analytics.stats().failed()).isEqualTo(3);

    analytics.track(Identity.userId("u"), "Signed Up", Map.of());
    analytics.flush();
    assertThat(collector.delivered()).hasSize(1);
  }

  @Test
  void doesNotRetry501() {
    collector.respondInOrder(501);
    sendThree();
    analytics.flush();
    assertThat(collector.requests()).hasSize(1);
    assertThat(analytics.stats().failed()).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxRetriesWithoutASpool() {
    collector.respond((i, r) -> TestCollector.Response.of(503));
    sendThree();
    analytics.flush();

    assertThat(collector.requests()).hasSize(4);
    assertThat(failures).hasSize(3).allSatisfy(f -> assertThat(f.reason()).isEqualTo(Failure.Reason.RETRIES_EXHAUSTED));
    assertThat(analytics.stats()).isEqualTo(new Stats(0, 3, 0, 9, 0, 0));
  }

  private void sendThree() {
    Conversation chat = analytics.startConversation(Identity.userId("u"));
    chat.messageSent("q");
    chat.messageReceived("a");
  }

  private static List<String> ids(TestCollector.Request request) {
    return request.messages().stream().map(m -> m.get("messageId").asText()).collect(Collectors.toList());
  }
}
