package dev.parley.bench.load;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.Submission;
import dev.parley.server.load.Loader;
import dev.parley.server.log.FileLog;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.Suppressions;
import dev.parley.server.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a start costs when the ingest log holds a backlog the store has not loaded (after a
 * crash under load, or a store that fell behind): realistic events, normalised by the real
 * ingest path, appended to a file log until it holds {@code --bytes}; then, as a start does,
 * the store and the log are opened (every segment checked) and the loader loads the backlog.
 * Prints the time to open the log and the time for the loader to catch up.
 *
 * <pre>parley-bench/run --main dev.parley.bench.load.LogCatchUpBenchmark [--bytes 1073741824]</pre>
 */
public final class LogCatchUpBenchmark {
  private LogCatchUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = LoadGenerator.options(args);
    long target = Long.parseLong(options.getOrDefault("bytes", Long.toString(1L << 30)));
    Path work = Files.createTempDirectory("parley-catch-up");
    Path data = work.resolve("data");
    List<Submission> pool = StoreCommitBenchmark.normalised(work, 100_000);
    FileLog.Settings settings = FileLog.Settings.defaults().withMaxBytes(target * 2);

    long events = 0;
    long fill = System.nanoTime();
    try (FileLog log = FileLog.open(data, 0, settings, Clock.systemUTC(), new Metrics())) {
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      for (int round = 0; log.bytes() < target; round++) {
        for (Submission submission : pool) {
          pending.add(log.submit(renamed(submission, round)));
          events += submission.events().size();
          if (pending.size() == 64) {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            pending.clear();
          }
        }
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
    double fillSeconds = (System.nanoTime() - fill) / 1e9;

    long start = System.nanoTime();
    try (DuckDbStore store = DuckDbStore.open(data);
        FileLog log = FileLog.open(data, store.logPosition(), settings, Clock.systemUTC(), new Metrics())) {
      double openSeconds = (System.nanoTime() - start) / 1e9;
      long bytes = log.bytes();
      long loadStart = System.nanoTime();
      try (Loader loader = new Loader(log, store, new Metrics(), new Suppressions(), Clock.systemUTC(),
          Duration.ofSeconds(10)).start()) {
        if (!loader.awaitLoaded(Duration.ofHours(1))) {
          throw new IllegalStateException("the loader did not catch up within an hour");
        }
      }
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      System.out.printf(Locale.ROOT, "%n| log | events | appended in | store + log open (segments checked) |"
          + " loader catch-up | events/s loaded |%n|---:|---:|---:|---:|---:|---:|%n"
          + "| %,d MB | %,d | %.1f s | %.2f s | %.1f s | %,.0f |%n", bytes >> 20, events, fillSeconds, openSeconds,
          loadSeconds, events / loadSeconds);
    }
  }

  /** The submission's events with messageIds of this round, so that every round is stored anew. */
  private static Submission renamed(Submission submission, int round) {
    if (round == 0) {
      return submission;
    }
    List<NormalisedEvent> events = new ArrayList<>(submission.events().size());
    for (NormalisedEvent e : submission.events()) {
      events.add(new NormalisedEvent(e.source(), e.messageId() + "-" + round, e.type(), e.event(), e.userId(),
          e.anonymousId(), e.previousId(), e.conversationId(), e.chatMessageId(), e.role(), e.messageBody(),
          e.itemType(), e.action(), e.subType(), e.rating(), e.messageCount(), e.timestamp(), e.originalTimestamp(),
          e.sentAt(), e.receivedAt(), e.body(), e.violations()));
    }
    return new Submission(events, submission.refused());
  }
}
