package dev.parley.demo;

import dev.parley.demo.langchain4j.LangChain4jCopilot;
import dev.parley.sdk.CopilotAnalytics;
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
  /** How many conversations the LangChain4j copilot plays after the backfill. */
  static final int LANGCHAIN4J_CONVERSATIONS = 20;

  private final CopilotAnalytics analytics;
  private final Thread live;

  private Demo(CopilotAnalytics analytics, Thread live) {
    this.analytics = analytics;
    this.live = live;
  }

  /**
   * Empties the demo directory, or makes it, and writes the price table of the demo's models in
   * it; returns the table, a {@code parley.yml} to start the server with. Refuses a non-empty
   * directory without the demo's marker: it may hold someone's real data.
   */
  public static Path prepareDirectory(Path dir) throws IOException {
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
    return DemoModels.writePriceTable(dir);
  }

  /**
   * Plays the backfill through the SDK to the collector at {@code endpoint}, then, when asked,
   * conversations with a LangChain4j copilot through its instrumentation, then starts live play
   * if asked.
   */
  public static Demo start(URI endpoint, String writeKey, int users, int days, boolean playLive,
      boolean langchain4j, PrintWriter out) throws InterruptedException {
    DemoClock clock = new DemoClock();
    CopilotAnalytics analytics = CopilotAnalytics.builder(writeKey).endpoint(endpoint).clock(clock)
        .flushAt(500).maxQueueSize(200_000).flushInterval(Duration.ofSeconds(1)).build();
    DemoTraffic traffic = new DemoTraffic(analytics, new OffSpecSender(endpoint, writeKey), clock, 20261124L);
    int played = traffic.backfill(users, days, Instant.now());
    analytics.flush();
    out.println("parley demo: played " + played + " conversations of " + users + " users over the last "
        + days + " days (" + analytics.stats().delivered() + " events delivered)");
    LangChain4jCopilot copilot = langchain4j ? new LangChain4jCopilot(analytics) : null;
    if (copilot != null) {
      for (int customer = 0; customer < LANGCHAIN4J_CONVERSATIONS; customer++) {
        copilot.playConversation("lc4j-customer-" + customer, 3 + customer % 3);
      }
      analytics.flush();
      out.println("parley demo: played " + LANGCHAIN4J_CONVERSATIONS
          + " conversations with a scripted LangChain4j copilot through parley-langchain4j");
    }
    Thread live = null;
    if (playLive) {
      live = new Thread(() -> playLive(traffic, copilot, users), "parley-demo-live");
      live.setDaemon(true);
      live.start();
    }
    return new Demo(analytics, live);
  }

  private static void playLive(DemoTraffic traffic, LangChain4jCopilot copilot, int firstUser) {
    int user = firstUser;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (copilot != null && user % 3 == 0) {
          copilot.playConversation("lc4j-live-" + user, 4 + user % 2);
        } else {
          traffic.playLive(user % (firstUser + 50));
        }
        user++;
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
