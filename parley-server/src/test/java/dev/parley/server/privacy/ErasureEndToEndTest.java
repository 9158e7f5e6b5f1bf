package dev.parley.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.config.NewKey;
import dev.parley.server.config.ValidationMode;
import dev.parley.server.ingest.Submission;
import dev.parley.server.log.IngestLog;
import dev.parley.server.log.LogRecord;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.LogCapture;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.RawFiles;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasing a user deletes their events and those of their linked anonymousIds, leaves none of
 * their text in the files after compaction, and suppresses their later events, across restarts.
 */
class ErasureEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_TEXT = "my secret diagnosis is erase-me-user-text";
  private static final String ANON_TEXT = "before login I said erase-me-anon-text";
  private static final String OTHER_TEXT = "another user keeps keep-other-text";

  @TempDir Path dataDir;

  @Test
  void erasureRemovesTheUserAndLinkedAnonymousIdsFromTheFilesAndSuppressesThem() {
    try (TestServer server = TestServer.start(dataDir)) {
      ObjectNode identify = JSON.createObjectNode().put("type", "identify").put("userId", "u-erase")
          .put("anonymousId", "anon-erase").put("messageId", "id-1");
      ObjectNode brokenRefusedLater = sent("u-erase", null, "bad-1", USER_TEXT);
      ((ObjectNode) brokenRefusedLater.get("properties")).remove("conversationId"); // a violation row of theirs
      assertThat(server.post("/v1/batch", Messages.batch(List.of(identify, sent(null, "anon-erase", "s-1", ANON_TEXT),
          sent("u-erase", "anon-erase", "s-2", USER_TEXT), brokenRefusedLater, sent("u-other", null, "s-3", OTHER_TEXT))))
          .statusCode()).isEqualTo(200);
      NewKey blocking = server.server().collector().keys().create("strict", Optional.of(ValidationMode.BLOCK));
      ObjectNode refused = sent("u-erase", null, "refused-1", USER_TEXT);
      ((ObjectNode) refused.get("properties")).remove("conversationId");
      assertThat(server.post("/v1/track", refused.toString().getBytes(StandardCharsets.UTF_8),
          Map.of("Authorization", TestServer.basic(blocking.writeKey()))).body()).contains("\"refused\"");
      assertThat(server.get("/api/v1/violations").body()).contains("refused-1", "bad-1");
      assertThat(RawFiles.of(dataDir)).as("the text is in the files before").contains(USER_TEXT, ANON_TEXT);

      HttpResponse<String> erased = server.send(HttpRequest.newBuilder(server.uri("/api/v1/users/u-erase"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

      assertThat(erased.statusCode()).isEqualTo(200);
      JsonNode answer = TestServer.json(erased.body());
      assertThat(answer.get("events").asLong()).isEqualTo(4);
      assertThat(answer.get("violations").asLong()).isPositive();
      assertThat(answer.get("linkedIds").toString()).contains("anon-erase");
      String files = RawFiles.of(dataDir);
      assertThat(files).doesNotContain(USER_TEXT, ANON_TEXT);
      assertThat(server.events(Map.of("userId", "u-erase"))).isEmpty();
      assertThat(server.events(Map.of("userId", "u-other"))).hasSize(1);
      assertThat(server.get("/api/v1/violations").body()).doesNotContain("bad-1", "refused-1");

      assertThat(server.post("/v1/batch", Messages.batch(List.of(sent("u-erase", null, "later-1", USER_TEXT),
          sent(null, "anon-erase", "later-2", ANON_TEXT)))).statusCode()).as("acknowledged").isEqualTo(200);
      assertThat(server.events(Map.of("userId", "u-erase"))).isEmpty();
      assertThat(server.events(Map.of("conversationId", "c-anon-erase"))).isEmpty();
      assertThat(server.get("/api/v1/suppressions").body()).contains("\"u-erase\"", "\"anon-erase\"");
    }
    assertThat(RawFiles.of(dataDir)).doesNotContain(USER_TEXT, ANON_TEXT).contains("u-other");

    try (TestServer again = TestServer.start(dataDir)) {
      assertThat(again.post("/v1/track", sent("u-erase", null, "after-restart", USER_TEXT).toString()).statusCode())
          .isEqualTo(200);
      assertThat(again.events(Map.of("userId", "u-erase"))).as("suppressed across restarts").isEmpty();
      assertThat(again.events(Map.of("userId", "u-other"))).hasSize(1);
    }
  }

  @Test
  void erasureFollowsIdentifyAndAliasLinksTransitivelyAndSuppressesEveryIdField() {
    try (TestServer server = TestServer.start(dataDir)) {
      ObjectNode identified = JSON.createObjectNode().put("type", "identify").put("userId", "u-before")
          .put("anonymousId", "anon-before").put("messageId", "link-1");
      ObjectNode aliased = JSON.createObjectNode().put("type", "alias").put("userId", "u-erase")
          .put("previousId", "u-before").put("messageId", "link-2");
      assertThat(server.post("/v1/batch", Messages.batch(List.of(identified,
          sent(null, "anon-before", "chain-1", "anonymous words chain-anon-text"),
          sent("u-before", null, "chain-2", "old account words chain-before-text"), aliased,
          sent("u-erase", null, "chain-3", USER_TEXT), sent("u-other", null, "chain-4", OTHER_TEXT)))).statusCode())
          .isEqualTo(200);
      server.awaitLoaded();

      HttpResponse<String> erased = server.send(HttpRequest.newBuilder(server.uri("/api/v1/users/u-erase"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

      assertThat(erased.statusCode()).isEqualTo(200);
      assertThat(TestServer.json(erased.body()).get("linkedIds").toString()).contains("anon-before", "u-before");
      assertThat(server.events(Map.of("conversationId", "c-anon-before"))).isEmpty();
      assertThat(server.events(Map.of("userId", "u-before"))).isEmpty();
      assertThat(server.events(Map.of("userId", "u-other"))).hasSize(1);
      String files = RawFiles.of(dataDir);
      assertThat(files.contains("chain-anon-text") || files.contains("chain-before-text") || files.contains(USER_TEXT))
          .as("an erased id's words in the files").isFalse();

      ObjectNode aliasLater = JSON.createObjectNode().put("type", "alias").put("userId", "u-new")
          .put("previousId", "u-erase").put("messageId", "later-alias");
      assertThat(server.post("/v1/batch", Messages.batch(List.of(aliasLater,
          sent(null, "anon-before", "later-anon", "anonymous words again")))).statusCode()).isEqualTo(200);
      assertThat(server.events(Map.of("userId", "u-new"))).as("an alias naming the erased id").isEmpty();
      assertThat(server.events(Map.of("conversationId", "c-anon-before"))).isEmpty();
    }
  }

  @Test
  void anErasureWhileReadsRunIsAnswered200() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      List<ObjectNode> batch = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        batch.add(sent("u-" + (i % 10), null, "m-" + i, "text " + i));
      }
      assertThat(server.post("/v1/batch", Messages.batch(batch)).statusCode()).isEqualTo(200);
      server.awaitLoaded();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger reads = new AtomicInteger();
      List<Thread> readers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Thread reader = new Thread(() -> {
          while (!stop.get()) {
            server.getNow("/api/v1/summary?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
            server.getNow("/api/v1/conversations?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
            reads.incrementAndGet();
          }
        });
        reader.start();
        readers.add(reader);
      }
      try {
        Eventually.answer(reads::get, n -> n >= 3);
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> erased = server.send(HttpRequest.newBuilder(server.uri("/api/v1/users/u-" + i))
              .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());
          assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        }
      } finally {
        stop.set(true);
        for (Thread reader : readers) {
          reader.join();
        }
      }
      assertThat(server.events(Map.of("userId", "u-1"))).isEmpty();
      assertThat(server.events(Map.of("userId", "u-5"))).hasSize(50);
    }
  }

  @Test
  void anErasureThatFailsIsLoggedWithItsCause() throws Exception {
    try (TestServer server = TestServer.start(dataDir); LogCapture logs = new LogCapture()) {
      assertThat(server.post("/v1/track", sent("u-erase", null, "s-1", USER_TEXT).toString()).statusCode())
          .isEqualTo(200);
      server.awaitLoaded();
      // Where the compaction's copy would go, something that cannot be replaced.
      Files.createDirectories(dataDir.resolve("parley.duckdb.compacting").resolve("occupied"));

      HttpResponse<String> erased = server.send(HttpRequest.newBuilder(server.uri("/api/v1/users/u-erase"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

      assertThat(erased.statusCode()).isEqualTo(503);
      assertThat(logs.text()).contains("erasure failed", "compaction failed");
    }
  }

  @Test
  void anErasureFailsWhileALogSegmentWithTheUsersTextCannotBeRemovedAndARetryFinishesIt() throws Exception {
    AtomicBoolean trimFails = new AtomicBoolean();
    try (TestServer server = TestServer.startWithLog(dataDir, log -> new TrimFailingLog(log, trimFails))) {
      assertThat(server.post("/v1/batch", Messages.batch(List.of(sent("u-erase", null, "s-1", USER_TEXT),
          sent("u-other", null, "s-2", OTHER_TEXT)))).statusCode()).isEqualTo(200);
      trimFails.set(true);

      HttpResponse<String> failed = server.send(HttpRequest.newBuilder(server.uri("/api/v1/users/u-erase"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

      assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
      assertThat(failed.headers().firstValue("Retry-After")).isPresent();
      assertThat(RawFiles.of(dataDir)).as("a segment of the log still holds it").contains(USER_TEXT);
      assertThat(server.events(Map.of("userId", "u-erase"))).as("suppressed meanwhile").isEmpty();

      trimFails.set(false);
      HttpResponse<String> retried = server.send(HttpRequest.newBuilder(server.uri("/api/v1/users/u-erase"))
          .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().build());

      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
      assertThat(RawFiles.of(dataDir)).doesNotContain(USER_TEXT).contains(OTHER_TEXT);
    }
  }

  /** The data directory's log, but its trim fails while {@code fails} is set, as a file that cannot be deleted would. */
  private record TrimFailingLog(IngestLog log, AtomicBoolean fails) implements IngestLog {
    @Override
    public CompletableFuture<Void> submit(Submission submission) {
      return log.submit(submission);
    }

    @Override
    public List<LogRecord> read(long from, int maxBytes) throws IOException {
      return log.read(from, maxBytes);
    }

    @Override
    public long end() {
      return log.end();
    }

    @Override
    public long start() {
      return log.start();
    }

    @Override
    public boolean awaitEnd(long position, Duration timeout) throws InterruptedException {
      return log.awaitEnd(position, timeout);
    }

    @Override
    public CompletableFuture<Long> roll() {
      return log.roll();
    }

    @Override
    public void trim(long position) throws IOException {
      if (fails.get()) {
        throw new IOException("Operation not permitted (a segment that cannot be deleted)");
      }
      log.trim(position);
    }

    @Override
    public long bytes() {
      return log.bytes();
    }

    @Override
    public void close() {
      log.close();
    }
  }

  private static ObjectNode sent(String userId, String anonymousId, String messageId, String text) {
    ObjectNode m = JSON.createObjectNode().put("type", "track").put("event", "Message Sent")
        .put("messageId", messageId).put("timestamp", "2026-11-20T10:00:00.000Z");
    if (userId != null) {
      m.put("userId", userId);
    }
    if (anonymousId != null) {
      m.put("anonymousId", anonymousId);
    }
    m.putObject("properties").put("conversationId", "c-" + (userId != null ? userId : anonymousId))
        .put("messageId", messageId).put("message_body", text);
    return m;
  }
}
