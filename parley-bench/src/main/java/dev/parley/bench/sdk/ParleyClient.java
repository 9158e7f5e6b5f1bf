package dev.parley.bench.sdk;

import dev.parley.sdk.Conversation;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.sdk.Stats;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Parley client shared by all benchmark threads, posting to a {@link LocalSink}.
 *
 * <p>Its queue holds {@value #MAX_QUEUE} messages so that it never fills within an
 * iteration (when full, Parley drops and counts); the queue is drained after every
 * iteration with the blocking {@code flush()}, outside the measured time, and the dropped
 * count is printed at the end. Batches of {@value SdkCallerBenchmark#BATCH} messages, as
 * analytics-java's default.
 */
@State(Scope.Benchmark)
public class ParleyClient {
  static final int MAX_QUEUE = 8_000_000;

  private LocalSink sink;
  private CopilotAnalytics analytics;

  @Setup(Level.Trial)
  public void start() throws IOException {
    sink = LocalSink.start();
    analytics = CopilotAnalytics.builder(SdkCallerBenchmark.WRITE_KEY)
        .endpoint(URI.create(sink.baseUrl()))
        .flushAt(SdkCallerBenchmark.BATCH)
        .maxQueueSize(MAX_QUEUE)
        .build();
  }

  @TearDown(Level.Iteration)
  public void drain() {
    analytics.flush();
  }

  @TearDown(Level.Trial)
  public void stop() {
    analytics.close();
    Stats stats = analytics.stats();
    System.out.printf("%nparley: calls %,d, delivered %,d, dropped %,d, failed %,d; sink saw %,d requests, %,d bytes%n",
        CallerAllocation.TOTAL_CALLS.sum(), stats.delivered(), stats.dropped(), stats.failed(), sink.requests(), sink.bodyBytes());
    sink.close();
  }

  /** A benchmark thread's own conversation, as a copilot serving one chat per request would hold. */
  @State(Scope.Thread)
  public static class Caller {
    Conversation chat;

    @Setup(Level.Trial)
    public void join(ParleyClient client) {
      chat = client.analytics.resumeConversation(
          Identity.userId(SdkCallerBenchmark.USER_ID), UUID.randomUUID().toString());
    }
  }
}
