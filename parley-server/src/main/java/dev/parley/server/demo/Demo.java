package dev.parley.server.demo;

import dev.parley.sdk.CopilotAnalytics;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running demo: the backfill played at start, then a thread that plays a live conversation
 * every few seconds until closed.
 */
public final class Demo implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Demo.class);
  /** Marks a directory the demo made, so that it never empties one it did not. */
  static final String MARKER = ".parley-demo";

  private final CopilotAnalytics analytics;
  private final Thread live;

  private Demo(CopilotAnalytics analytics, Thread live) {
    this.analytics = analytics;
    this.live = live;
  }

  /**
   * Empties the demo directory, or makes it. Refuses a non-empty directory without the demo's
   * marker: it may hold someone's real data.
   */
  public static void prepareDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(dir)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new IllegalStateException(dir + " is not empty and was not made by the demo; choose another --data");
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          if (!path.equals(dir)) {
            Files.delete(path);
          }
        }
      }
    }
    Files.createDirectories(dir);
    Files.createFile(dir.resolve(MARKER));
  }

  /** Plays the backfill through the SDK against {@code server}, then starts live play if asked. */
  public static Demo start(ParleyServer server, String writeKey, int users, int days, boolean playLive,
      PrintWriter out) throws InterruptedException {
    URI endpoint = URI.create("http://127.0.0.1:" + server.port());
    DemoClock clock = new DemoClock();
    CopilotAnalytics analytics = CopilotAnalytics.builder(writeKey).endpoint(endpoint).clock(clock)
        .flushAt(500).maxQueueSize(200_000).flushInterval(Duration.ofSeconds(1)).build();
    DemoTraffic traffic = new DemoTraffic(analytics, new OffSpecSender(endpoint, writeKey), clock, 20261124L);
    int played = traffic.backfill(users, days, Instant.now());
    analytics.flush();
    out.println("parley demo: played " + played + " conversations of " + users + " users over the last "
        + days + " days (" + analytics.stats().delivered() + " events delivered)");
    Thread live = null;
    if (playLive) {
      live = new Thread(() -> playLive(traffic, users), "parley-demo-live");
      live.setDaemon(true);
      live.start();
    }
    return new Demo(analytics, live);
  }

  private static void playLive(DemoTraffic traffic, int firstUser) {
    int user = firstUser;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        traffic.playLive(user++ % (firstUser + 50));
        Thread.sleep(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("live demo traffic stopped: {}", e.toString());
    }
  }

  /** Stops live play and delivers what is queued. */
  @Override
  public void close() {
    if (live != null) {
      live.interrupt();
    }
    analytics.close();
  }
}
