package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.support.TestCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutageEndToEndTest {
  @TempDir
  Path spool;

  @Test
  void anOutageLosesNothingAndNoAcknowledgedMessageIsSentAgain() {
    AtomicBoolean down = new AtomicBoolean(true);
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    try (TestCollector collector = TestCollector.start();
        CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
            .flushAt(5).flushInterval(Duration.ofMillis(20))
            .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(50)).maxRetries(10_000)
            .callback(new Callback() {
              @Override
              public void delivered(EventRef event) {
                acknowledged.add(event.eventId());
              }
            })
            .build()) {
      collector.respond((i, r) -> TestCollector.Response.of(down.get() ? 503 : 200));
      Conversation chat = analytics.startConversation(Identity.userId("u"));
      for (int i = 0; i < 30; i++) {
        chat.messageSent("before " + i);
      }
      TestCollector.await(() -> analytics.stats().retried() >= 30, Duration.ofSeconds(20), "for retries");
      down.set(false);
      for (int i = 0; i < 30; i++) {
        chat.messageReceived("after " + i);
      }
      chat.end();
      analytics.flush();

      assertThat(acknowledged).hasSize(62).doesNotHaveDuplicates();
      assertThat(collector.delivered()).extracting(m -> m.get("messageId").asText())
          .containsExactlyInAnyOrderElementsOf(acknowledged);
      assertNothingResentAfterSuccess(collector.requests());
      assertThat(analytics.stats().failed()).isZero();
      assertThat(analytics.stats().dropped()).isZero();
    }
  }

  @Test
  void anAbsentServerFillsTheSpoolAndItDrainsWhenTheServerIsBack() throws Exception {
    TestCollector first = TestCollector.start();
    int port = first.port();
    first.close();
    try (CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(first.uri())
        .maxQueueSize(10).flushAt(5).flushInterval(Duration.ofMillis(20))
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxRetries(2)
        .spoolDirectory(spool).build()) {
      Conversation chat = analytics.startConversation(Identity.userId("u"));
      for (int i = 0; i < 99; i++) {
        chat.messageSent("m" + i);
      }
      TestCollector.await(() -> analytics.stats().spooled() == 100 && analytics.stats().queued() == 0,
          Duration.ofSeconds(20), "for every message to reach the spool");
      assertThat(spoolFiles()).isNotEmpty();

      try (TestCollector back = TestCollector.startOn(port)) {
        back.awaitDelivered(100);
        TestCollector.await(() -> analytics.stats().spooled() == 0, Duration.ofSeconds(20), "for the spool to drain");
        assertThat(back.delivered().stream().map(m -> m.get("messageId").asText()).distinct()).hasSize(100);
        assertNothingResentAfterSuccess(back.requests());
        assertThat(spoolFiles()).isEmpty();
        assertThat(analytics.stats().delivered()).isEqualTo(100);
        assertThat(analytics.stats().dropped() + analytics.stats().failed()).isZero();
      }
    }
  }

  private List<Path> spoolFiles() throws Exception {
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(f -> f.toString().endsWith(".spool")).toList();
    }
  }

  static void assertNothingResentAfterSuccess(List<TestCollector.Request> requests) {
    Set<String> acknowledged = new HashSet<>();
    for (TestCollector.Request request : requests) {
      for (var message : request.messages()) {
        assertThat(acknowledged).as("sent again after it was acknowledged")
            .doesNotContain(message.get("messageId").asText());
      }
      if (request.succeeded()) {
        request.messages().forEach(m -> acknowledged.add(m.get("messageId").asText()));
      }
    }
  }
}
