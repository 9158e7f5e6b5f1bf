package dev.parley.bench.sdk;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.Message;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One analytics-java client shared by all benchmark threads, posting to a {@link LocalSink}
 * ({@code /v1/import/}).
 *
 * <p>Its queue is left at the default, {@code queueCapacity} {@code Integer.MAX_VALUE}: a
 * {@code LinkedBlockingQueue} that {@code enqueue} blocks on only when full, so in
 * practice unbounded; nothing is dropped. Batches of 250 messages (its default). After
 * every iteration, outside the measured time, it is flushed and the benchmark waits until
 * the callback has seen every call's message settle (analytics-java's {@code flush()} does
 * not wait), so no backlog carries into the next iteration.
 */
@State(Scope.Benchmark)
public class SegmentClient {
  private LocalSink sink;
  private Analytics analytics;
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();

  @Setup(Level.Trial)
  public void start() throws IOException {
    sink = LocalSink.start();
    analytics = Analytics.builder(SdkCallerBenchmark.WRITE_KEY)
        .endpoint(sink.baseUrl())
        .flushQueueSize(SdkCallerBenchmark.BATCH)
        .callback(new Callback() {
          @Override
          public void success(Message message) {
            succeeded.increment();
          }

          @Override
          public void failure(Message message, Throwable throwable) {
            failed.increment();
          }
        })
        .build();
  }

  @TearDown(Level.Iteration)
  public void drain() throws InterruptedException {
    // JMH runs the callers' own teardown (which adds up their calls) before this one.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (int i = 0; succeeded.sum() + failed.sum() < CallerAllocation.TOTAL_CALLS.sum()
        && System.nanoTime() < deadline; i++) {
      if (i % 20 == 0) {
        analytics.flush(); // again every second: a flush only cuts the batch being filled
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    analytics.flush();
    analytics.shutdown();
    System.out.printf("%nanalytics-java: calls %,d, delivered %,d, failed %,d; sink saw %,d requests, %,d bytes%n",
        CallerAllocation.TOTAL_CALLS.sum(), succeeded.sum(), failed.sum(), sink.requests(), sink.bodyBytes());
    sink.close();
  }

  Analytics analytics() {
    return analytics;
  }

  /** A benchmark thread's own conversation id. */
  @State(Scope.Thread)
  public static class Caller {
    String conversationId;

    @Setup(Level.Trial)
    public void join() {
      conversationId = UUID.randomUUID().toString();
    }
  }
}
