package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.cli.Main;
import dev.parley.server.testing.AckingSender;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.RawFiles;
import dev.parley.server.testing.ServeProcess;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley serve} with a small ingest-log segment (a roll every few requests) and a
 * retention period, killed with SIGKILL at random moments while clients send, events received
 * long ago ({@code parley import}ed between a kill and the restart) expire at every start (a
 * retention sweep and a compaction) and users are erased one after another: loads, rolls, retention and erasures are all cut short by kills. Afterwards every
 * acknowledged messageId is stored exactly once, expired ones at most once, and no file of
 * the data directory holds a word of a user whose erasure was answered 200. An erasure cut
 * short by a kill after its delete was committed (the user is on the suppression list) leaves
 * none of the user's words in the store's files once the server listens again, before the
 * erasure is retried.
 * 4 kills in the quick run, 20 with {@code PARLEY_RELIABILITY=full}.
 */
class CrashDuringMaintenanceReliabilityTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String[] ARGS = {"--log-segment-bytes", "16KiB", "--retention", "30d"};
  @TempDir Path dir;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void killsDuringLoadsRollsRetentionAndErasureLoseNothingAcknowledgedAndLeaveNoErasedText() throws Exception {
    Path data = dir.resolve("data");
    int kills = ReliabilityMode.pick(4, 20);
    Random random = new Random(7);
    ServeProcess server = ServeProcess.start(data, 0, ARGS);
    AtomicInteger port = new AtomicInteger(server.port());
    AtomicInteger starts = new AtomicInteger(1);
    Set<String> acked = AckingSender.newAckedSet();
    Set<String> expired = AckingSender.newAckedSet();
    List<AckingSender> senders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      senders.add(new AckingSender("k" + i, port::get, acked).start());
    }
    List<String> erased = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<String> leftAfterErasure = new CopyOnWriteArrayList<>();
    List<String> leftAfterCrash = new CopyOnWriteArrayList<>();
    Thread eraser = new Thread(() -> eraseOneAfterAnother(port, starts, data, erased, leftAfterErasure, leftAfterCrash,
        stop), "eraser");
    eraser.start();
    try {
      for (int kill = 0; kill < kills; kill++) {
        Progress.waitFor(acked::size, acked.size() + 40, "acknowledgements after a restart");
        Thread.sleep(random.nextInt(300));
        server.kill();
        expired.addAll(importExpired(dir, data, kill));
        server = ServeProcess.start(data, port.get(), ARGS); // its start's retention sweep deletes them
        starts.incrementAndGet();
        Thread.sleep(random.nextInt(150)); // so the next kill may land in it
      }
      int before = erased.size();
      Progress.waitFor(erased::size, before + 1, "erasures after the last restart");
    } finally {
      stop.set(true);
      eraser.join(60_000);
      for (AckingSender sender : senders) {
        sender.stopAndJoin();
      }
      server.close();
    }

    Map<String, Long> stored = StoredIds.count(data);
    assertThat(acked).as("acknowledged events").hasSizeGreaterThan(kills * 40);
    Progress.storedExactlyOnce(stored, acked);
    assertThat(expired).allSatisfy(id -> assertThat(stored.getOrDefault(id, 0L)).as(id).isLessThanOrEqualTo(1L));
    assertThat(erased).as("erasures answered 200").isNotEmpty();
    assertThat(leftAfterErasure).as("words of erased users in the data directory once the erasure was answered")
        .isEmpty();
    assertThat(leftAfterCrash).as("words of users whose erasure a kill cut short after the delete, in the store's"
        + " files once the server listened again").isEmpty();
    String files = RawFiles.of(data);
    for (String victim : erased) {
      assertThat(stored.keySet()).noneMatch(id -> id.startsWith(victim + "-"));
      assertThat(files).as("the words of %s in the data directory", victim).doesNotContain("secret of " + victim);
    }
    for (AckingSender sender : senders) {
      assertThat(sender.unexpected()).as("answers other than 200 or 503").isEmpty();
    }
  }

  /**
   * Sends a few events of a new user until acknowledged, then erases the user until answered
   * 200, then reads every file of the data directory for the user's words; again. When a kill
   * cuts an erasure short and the restarted server lists the user as suppressed, the store's
   * files are read for the user's words before the erasure is retried.
   */
  private static void eraseOneAfterAnother(AtomicInteger port, AtomicInteger starts, Path data, List<String> erased,
      List<String> left, List<String> leftAfterCrash, AtomicBoolean stop) {
    for (int k = 0; !stop.get(); k++) {
      String victim = "victim-" + k;
      StringBuilder batch = new StringBuilder("{\"batch\":[");
      for (int i = 0; i < 3; i++) {
        batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Message Sent\",\"userId\":\"")
            .append(victim).append("\",\"messageId\":\"").append(victim).append("-").append(i)
            .append("\",\"properties\":{\"conversationId\":\"c-").append(victim).append("\",\"messageId\":\"m-")
            .append(i).append("\",\"message_body\":\"secret of ").append(victim).append("\"}}");
      }
      batch.append("]}");
      if (!untilOk(stop, () -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get() + "/v1/batch"))
          .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
          .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).timeout(Duration.ofSeconds(10)).build())) {
        return;
      }
      int start = starts.get();
      try {
        HttpResponse<String> answer = HTTP.send(eraseRequest(port, victim), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 && answer.statusCode() != 503) {
          throw new AssertionError("unexpected answer " + answer.statusCode() + ": " + answer.body());
        }
      } catch (IOException e) {
        if (restartedSince(start, starts, stop) && suppressed(port, victim)
            && storeFilesNow(data).contains("secret of " + victim + "\"")) {
          leftAfterCrash.add(victim);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!untilOk(stop, () -> eraseRequest(port, victim))) {
        return;
      }
      erased.add(victim);
      if (filesNow(data).contains("secret of " + victim + "\"")) {
        left.add(victim);
      }
    }
  }

  /**
   * Imports (with {@code parley import}, while the server is down) a few events received in
   * 2020, so the next start's retention sweep has something to delete; returns their ids.
   */
  private static List<String> importExpired(Path dir, Path data, int kill) throws IOException {
    List<String> ids = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      String id = "expired-" + kill + "-" + i;
      ids.add(id);
      lines.append("{\"type\":\"track\",\"event\":\"Message Sent\",\"userId\":\"expired-user\",\"messageId\":\"")
          .append(id).append("\",\"timestamp\":\"2020-01-01T00:00:00Z\",\"receivedAt\":\"2020-01-01T00:00:00Z\",")
          .append("\"properties\":{\"conversationId\":\"c-expired\",\"messageId\":\"").append(id).append("\"}}\n");
    }
    Path file = dir.resolve("expired-" + kill + ".ndjson");
    Files.writeString(file, lines);
    int status = Main.commandLine().execute("import", file.toString(), "--data", data.toString(), "--write-key",
        TestServer.WRITE_KEY);
    assertThat(status).as("parley import's exit status").isZero();
    return ids;
  }

  private static HttpRequest eraseRequest(AtomicInteger port, String victim) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get() + "/api/v1/users/" + victim))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).DELETE().timeout(Duration.ofSeconds(30)).build();
  }

  /** Whether a new server has started (and listens) since {@code start}, waiting a while for it. */
  private static boolean restartedSince(int start, AtomicInteger starts, AtomicBoolean stop) {
    return Eventually.answer(() -> starts.get() != start || stop.get(), done -> done) && starts.get() != start;
  }

  /** Whether the server lists {@code victim} on its suppression list; false when it cannot be asked. */
  private static boolean suppressed(AtomicInteger port, String victim) {
    try {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get()
          + "/api/v1/suppressions")).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 && answer.body().contains("\"" + victim + "\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The bytes of the store's files ({@code parley.duckdb} and what sits beside it), read while the server runs. */
  private static String storeFilesNow(Path data) {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(data)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("parley.duckdb")).toList()) {
        try {
          all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
          // moved or deleted by the server meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }

  /** Every file's bytes, read while the server runs: a file deleted during the walk is read again. */
  private static String filesNow(Path data) {
    for (int attempt = 0; ; attempt++) {
      try {
        return RawFiles.of(data);
      } catch (UncheckedIOException e) {
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  /** Sends until answered 200 (false when stopped first); network errors and 503 are retried. */
  private static boolean untilOk(AtomicBoolean stop, java.util.function.Supplier<HttpRequest> request) {
    long giveUp = Long.MAX_VALUE;
    while (System.nanoTime() < giveUp) {
      if (stop.get() && giveUp == Long.MAX_VALUE) {
        giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      }
      try {
        HttpResponse<String> response = HTTP.send(request.get(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return true;
        }
        if (response.statusCode() != 503) {
          throw new AssertionError("unexpected answer " + response.statusCode() + ": " + response.body());
        }
      } catch (IOException e) {
        // down or killed mid-request: retry
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
