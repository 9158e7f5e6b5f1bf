package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.support.FakeClock;
import dev.parley.sdk.support.TestCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolEndToEndTest {
  @TempDir
  Path spool;

  @Test
  void theSpoolSurvivesARestartOfTheClient() throws Exception {
    try (TestCollector collector = TestCollector.start()) {
      collector.respond((i, r) -> TestCollector.Response.of(503));
      FakeClock clock = new FakeClock();
      Duration timeout = Duration.ofSeconds(10);
      CopilotAnalytics first = client(collector).timeSource(clock).closeTimeout(timeout).build();
      Conversation chat = first.startConversation(Identity.userId("u"), "c-1");
      for (int i = 0; i < 19; i++) {
        chat.messageSent("m" + i);
      }
      TestCollector.await(() -> collector.requests().size() >= 4, Duration.ofSeconds(20), "for each batch to be tried");
      CompletableFuture<Void> closed = CompletableFuture.runAsync(first::close);
      clock.awaitTimer(timeout);
      clock.advance(timeout);
      assertThat(closed).succeedsWithin(Duration.ofSeconds(20));
      assertThat(first.stats().spooled()).isEqualTo(20);
      assertThat(first.stats().failed()).isZero();
      List<String> tracked = collector.requests().stream().flatMap(r -> r.messages().stream())
          .map(m -> m.get("messageId").asText()).distinct().toList();
      assertThat(tracked).hasSize(20);

      collector.respond((i, r) -> TestCollector.Response.of(200));
      try (CopilotAnalytics second = client(collector).build()) {
        collector.awaitDelivered(20);
        TestCollector.await(() -> second.stats().spooled() == 0, Duration.ofSeconds(20), "for the spool to drain");
        assertThat(collector.delivered()).extracting(m -> m.get("messageId").asText())
            .containsExactlyInAnyOrderElementsOf(tracked);
        List<String> bodies = collector.delivered().stream().skip(1)
            .map(m -> m.get("properties").get("message_body").asText()).toList();
        assertThat(bodies).as("oldest first").isEqualTo(
            IntStream.range(0, 19).mapToObj(i -> "m" + i).toList());
        assertThat(second.stats().delivered()).isEqualTo(20);
        assertThat(spoolFiles()).isEmpty();
      }
    }
  }

  @Test
  void damagedSpoolFilesAreSkippedAndTheirGoodLinesDelivered() throws Exception {
    String good = "{\"type\":\"track\",\"messageId\":\"spooled-1\",\"timestamp\":\"2026-11-20T10:00:00.000Z\","
        + "\"userId\":\"u\",\"event\":\"Signed Up\"}";
    Files.writeString(spool.resolve("0000000000001-000001.spool"), "not json at all\n" + good + "\n{\"type\":\"tr",
        StandardCharsets.UTF_8);
    Files.write(spool.resolve("0000000000002-000001.spool"), new byte[] {0, 1, 2, (byte) 0xff, '\n'});
    Files.writeString(spool.resolve("0000000000003-000001.spool.tmp"), good, StandardCharsets.UTF_8);

    try (TestCollector collector = TestCollector.start();
        CopilotAnalytics analytics = client(collector).build()) {
      analytics.track(Identity.userId("u"), "Signed Up", Map.of());
      analytics.flush();
      assertThat(collector.awaitDelivered(2)).extracting(m -> m.get("messageId").asText()).contains("spooled-1");
      TestCollector.await(() -> analytics.stats().spooled() == 0, Duration.ofSeconds(20), "for the spool to drain");
    }
  }

  private CopilotAnalytics.Builder client(TestCollector collector) {
    return CopilotAnalytics.builder("key").endpoint(collector.uri()).spoolDirectory(spool)
        .flushAt(5).flushInterval(Duration.ofMillis(20))
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxRetries(100);
  }

  private List<Path> spoolFiles() throws Exception {
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(f -> f.toString().endsWith(".spool")).toList();
    }
  }
}
