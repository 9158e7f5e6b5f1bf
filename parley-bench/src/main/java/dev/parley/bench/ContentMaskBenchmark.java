package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.privacy.ContentMode;
import dev.parley.spec.privacy.ContentPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of each content mode on one typical message body, against keeping it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContentMaskBenchmark {
  @Param({"plain", "digits", "pii"})
  public String text;

  private static final ObjectMapper JSON = new ObjectMapper();

  private String body;
  private byte[] message;
  private ContentPolicy mask;
  private ContentPolicy hash;

  @Setup
  public void setUp() {
    body = switch (text) {
      case "plain" -> "Thank you for reaching out. How can I assist you today with your portfolio?";
      case "digits" -> "Order 1500 shipped on 2026-11-20, total 19.99 USD, ETA 3 days, ref 42.";
      default -> "I'm jane.doe@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111.";
    };
    message = ("{\"type\":\"track\",\"messageId\":\"5f0c7a1e-2b7d-4c1a-9e3f-0d8b6a4c2e11\","
        + "\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"userId\":\"123\",\"event\":\"Message Sent\","
        + "\"properties\":{\"conversationId\":\"1238041hdou\",\"messageId\":\"9d1e\",\"message_body\":"
        + JSON.valueToTree(body) + ",\"role\":\"customer\"},"
        + "\"context\":{\"library\":{\"name\":\"parley-java\",\"version\":\"0.1.0\"}}}")
        .getBytes(StandardCharsets.UTF_8);
    mask = ContentPolicy.builder(ContentMode.MASK).build();
    hash = ContentPolicy.builder(ContentMode.HASH)
        .hashKey("benchmark-key-0123456789".getBytes(StandardCharsets.UTF_8)).build();
  }

  /** Baseline: copying the text, the least any mode does. */
  @Benchmark
  public String keep() {
    return new String(body);
  }

  @Benchmark
  public String masked() {
    return mask.treat(body);
  }

  @Benchmark
  public String hashed() {
    return hash.treat(body);
  }

  /**
   * The least work ingest does per message, reading it into a tree and writing it back: the
   * yardstick for whether masking could slow ingest down noticeably.
   */
  @Benchmark
  public String messageRoundTrip() throws IOException {
    ObjectNode tree = (ObjectNode) JSON.readTree(message);
    return JSON.writeValueAsString(tree);
  }

  /** The same with mask mode applied to the tree, as ingest does before the store. */
  @Benchmark
  public String messageRoundTripMasked() throws IOException {
    ObjectNode tree = (ObjectNode) JSON.readTree(message);
    mask.apply(tree);
    return JSON.writeValueAsString(tree);
  }
}
