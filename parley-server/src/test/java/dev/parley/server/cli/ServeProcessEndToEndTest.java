package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.DuckDbStore;
import dev.parley.server.testing.TestServer;
import dev.parley.server.testing.TopicTraffic;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley serve} as its own process, as a newcomer runs it: keys made and printed on the
 * first start only, events accepted, and SIGTERM committing and closing cleanly.
 */
class ServeProcessEndToEndTest {
  private static final Pattern PORT = Pattern.compile("collecting on http://[^:/]+:(\\d+)/");
  private static final Pattern WRITE_KEY = Pattern.compile("write key \\(source [^)]+\\): (wk_[0-9a-f]+)");

  @TempDir Path dir;

  record Started(Process process, int port, Path log, List<String> lines) {}

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void serveMakesKeysOnceStoresEventsAndStopsCleanlyOnSigterm() throws Exception {
    Path data = dir.resolve("parley-data");
    Started first = serve(data);
    try {
      sendAndStop(first);
    } finally {
      first.process().destroyForcibly();
    }

    Started second = serve(data);
    try {
      assertThat(second.lines()).noneMatch(l -> l.contains("made"));
      stop(second);
    } finally {
      second.process().destroyForcibly();
    }

    try (DuckDbStore store = DuckDbStore.open(data);
        Connection c = store.readConnections().open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM events WHERE message_id = 'proc-1'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  private static void sendAndStop(Started first) throws Exception {
    String lines = String.join("\n", first.lines());
    Matcher key = WRITE_KEY.matcher(lines);
    assertThat(key.find()).as(lines).isTrue();
    assertThat(lines).contains("admin token: adm_");

    String batch = "{\"batch\":[{\"type\":\"track\",\"userId\":\"p\",\"event\":\"Conversation Started\","
        + "\"messageId\":\"proc-1\",\"properties\":{\"conversationId\":\"c\"}}]}";
    HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + first.port() + "/v1/batch"))
        .header("Authorization", TestServer.basic(key.group(1)))
        .POST(HttpRequest.BodyPublishers.ofString(batch)).build());
    assertThat(response.statusCode()).isEqualTo(200);
    // First messages to embed: the topic worker is inside the embedding model (native code) when
    // SIGTERM comes, and the process must still close its store and exit 0.
    HttpResponse<String> topics = TestServer.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + first.port() + "/v1/batch"))
        .header("Authorization", TestServer.basic(key.group(1)))
        .POST(HttpRequest.BodyPublishers.ofString(TopicTraffic.batch(Instant.parse("2026-11-02T09:00:00Z")))).build());
    assertThat(topics.statusCode()).isEqualTo(200);
    awaitLine(first, "topics: loading the embedding model");
    stop(first);
  }

  private Started serve(Path data) throws Exception {
    Path log = Files.createTempFile(dir, "serve", ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-DPARLEY_LOG_LEVEL=INFO", Main.class.getName(), "serve",
        "--port", "0", "--host", "127.0.0.1").redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("PARLEY_"));
    builder.environment().put("PARLEY_DATA", data.toString());
    Process process = builder.start();
    while (process.isAlive()) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (String line : lines) {
        Matcher port = PORT.matcher(line);
        if (port.find()) {
          return new Started(process, Integer.parseInt(port.group(1)), log, lines);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve exited before listening: " + Files.readString(log));
  }

  /** Waits for the process to log a line containing {@code text}. */
  private static void awaitLine(Started started, String text) throws Exception {
    while (!Files.readString(started.log()).contains(text)) {
      assertThat(started.process().isAlive()).as(Files.readString(started.log())).isTrue();
      Thread.sleep(20);
    }
  }

  private static void stop(Started started) throws Exception {
    started.process().destroy(); // SIGTERM
    assertThat(started.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(started.process().exitValue()).as(Files.readString(started.log())).isZero();
    assertThat(Files.readString(started.log())).as("the store is closed on the way out").contains("store closed");
  }
}
