package dev.parley.bench.sdk;

import com.segment.analytics.messages.TrackMessage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one tracked event costs the thread that tracks it: Parley's
 * {@code Conversation.messageSent(body)} against the baseline, Segment's analytics-java 3.5.4
 * {@code analytics.enqueue(TrackMessage.builder("Message Sent")...)}, with 1, 4 and 16
 * caller threads.
 *
 * <p>Both send the same Message Sent (conversationId, a new chat messageId, an 80-character
 * message_body, role {@code customer}) for the same userId, each thread in its own
 * conversation, to the same kind of {@link LocalSink} on 127.0.0.1. Both clients generate
 * a UUID and a timestamp per message; for analytics-java the caller also makes the chat
 * messageId, which Parley makes inside {@code messageSent}. Time is per call on the
 * caller's thread, while the clients' own threads batch and post in the background (on a
 * 2-core machine they compete with the callers, as they would in an application). Neither
 * queue fills: see {@link ParleyClient} and {@link SegmentClient}.
 *
 * <p>Bytes per call: {@code callerBytesPerOp} (the caller thread only, see
 * {@link CallerAllocation}) and, with {@code -prof gc}, {@code gc.alloc.rate.norm} (every
 * thread in the JVM, including batching, HTTP and the sink).
 *
 * <p>Methods are named by thread count first so that JMH, which runs them in name order,
 * measures each client right after the other at the same thread count.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class SdkCallerBenchmark {
  static final String WRITE_KEY = "bench-write-key";
  static final String USER_ID = "user-8f3a2c";
  static final String EVENT = "Message Sent";
  static final String BODY =
      "What's the best stock in the Nasdaq right now, and should I buy some before Friday?";
  static final int BATCH = 250;

  @Benchmark
  @Threads(1)
  public String t01_parley(ParleyClient.Caller caller, CallerAllocation allocation) {
    return parley(caller, allocation);
  }

  @Benchmark
  @Threads(4)
  public String t04_parley(ParleyClient.Caller caller, CallerAllocation allocation) {
    return parley(caller, allocation);
  }

  @Benchmark
  @Threads(16)
  public String t16_parley(ParleyClient.Caller caller, CallerAllocation allocation) {
    return parley(caller, allocation);
  }

  @Benchmark
  @Threads(1)
  public String t01_segment(SegmentClient client, SegmentClient.Caller caller, CallerAllocation allocation) {
    return segment(client, caller, allocation);
  }

  @Benchmark
  @Threads(4)
  public String t04_segment(SegmentClient client, SegmentClient.Caller caller, CallerAllocation allocation) {
    return segment(client, caller, allocation);
  }

  @Benchmark
  @Threads(16)
  public String t16_segment(SegmentClient client, SegmentClient.Caller caller, CallerAllocation allocation) {
    return segment(client, caller, allocation);
  }

  private static String parley(ParleyClient.Caller caller, CallerAllocation allocation) {
    allocation.count();
    return caller.chat.messageSent(BODY);
  }

  private static String segment(SegmentClient client, SegmentClient.Caller caller, CallerAllocation allocation) {
    allocation.count();
    String messageId = UUID.randomUUID().toString();
    client.analytics().enqueue(TrackMessage.builder(EVENT)
        .userId(USER_ID)
        .properties(Map.of("conversationId", caller.conversationId, "messageId", messageId,
            "message_body", BODY, "role", "customer")));
    return messageId;
  }
}
