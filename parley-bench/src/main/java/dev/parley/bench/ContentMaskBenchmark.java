package dev.parley.bench;

import dev.parley.spec.privacy.ContentMode;
import dev.parley.spec.privacy.ContentPolicy;
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

  private String body;
  private ContentPolicy mask;
  private ContentPolicy hash;

  @Setup
  public void setUp() {
    body = switch (text) {
      case "plain" -> "Thank you for reaching out. How can I assist you today with your portfolio?";
      case "digits" -> "Order 1500 shipped on 2026-11-20, total 19.99 USD, ETA 3 days, ref 42.";
      default -> "I'm jane.doe@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111.";
    };
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
}
