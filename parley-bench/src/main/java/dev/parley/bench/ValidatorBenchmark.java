package dev.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.spec.Validator;
import dev.parley.spec.Violation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validation cost per message, on a parsed tree. The baseline is parsing the same message
 * with Jackson, which every ingest pays anyway: the ratio says what validation adds.
 * Run with {@code -prof gc} for bytes allocated per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidatorBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private String validText;
  private JsonNode valid;
  private JsonNode custom;
  private JsonNode broken;

  @Setup
  public void setUp() throws Exception {
    validText = "{\"type\":\"track\",\"userId\":\"123\",\"event\":\"Message Sent\",\"messageId\":\"e-1\","
        + "\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"properties\":{\"conversationId\":\"1238041hdou\","
        + "\"messageId\":\"msg123\",\"message_body\":\"What's the best stock in the Nasdaq right now?\","
        + "\"role\":\"customer\"},\"context\":{\"library\":{\"name\":\"parley-java\",\"version\":\"0.1.0\"}}}";
    valid = JSON.readTree(validText);
    custom = JSON.readTree("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Item Purchased\","
        + "\"properties\":{\"conversationId\":\"c\",\"messageId\":\"m\",\"itemId\":\"i\",\"itemPrice\":19.99}}");
    broken = JSON.readTree("{\"type\":\"track\",\"userId\":\"123\",\"event\":\"Message Sent\","
        + "\"properties\":{\"conversation_id\":\"c\",\"messageId\":\"m\",\"messageBody\":\"x\"},\"role\":\"customer\"}");
  }

  /** Baseline: what ingest pays to parse the message before validating it. */
  @Benchmark
  public JsonNode parseOnly() throws Exception {
    return JSON.readTree(validText);
  }

  @Benchmark
  public List<Violation> validSpecEvent() {
    return Validator.standard().validate(valid);
  }

  @Benchmark
  public List<Violation> customTrackEvent() {
    return Validator.standard().validate(custom);
  }

  @Benchmark
  public List<Violation> brokenSpecEvent() {
    return Validator.standard().validate(broken);
  }
}
