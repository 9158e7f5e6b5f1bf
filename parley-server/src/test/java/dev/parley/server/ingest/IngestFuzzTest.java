package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.config.KeyStore;
import dev.parley.server.config.ValidationMode;
import dev.parley.server.metrics.Metrics;
import dev.parley.spec.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the ingest path without HTTP (body reader, parser, normaliser,
 * validator) and of the validator alone: mutated and randomly typed bodies are answered with
 * a result (stored, or refused 4xx), never an exception or a 5xx. jqwik shrinks a failure to
 * a small body. Runs a few thousand cases in about a second.
 */
class IngestFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "fuzz-key";
  private static final Ingestor INGESTOR = ingestor();
  private static final List<String> SEEDS = List.of(
      "{\"batch\":[{\"type\":\"track\",\"event\":\"Message Sent\",\"userId\":\"u\",\"messageId\":\"m1\","
          + "\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"properties\":{\"conversationId\":\"c\",\"messageId\":\"x\","
          + "\"message_body\":\"hi\",\"role\":\"customer\"}},{\"type\":\"identify\",\"anonymousId\":\"a\","
          + "\"traits\":{\"plan\":\"pro\"}}],\"sentAt\":\"2026-11-20T10:00:01.000Z\",\"context\":{\"ip\":\"1.2.3.4\"}}",
      "{\"batch\":[{\"action\":\"track\",\"event\":\"Feedback Submitted\",\"userId\":\"u\",\"properties\":"
          + "{\"conversationId\":\"c\",\"rating\":4.5,\"message_count\":3}}]}",
      "{\"batch\":[{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"p\"},{\"type\":\"page\",\"userId\":\"u\","
          + "\"name\":\"Home\"}]}");
  private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "-0",
      "\\u0000", "\"\\uD800\"", "true", "\"type\":\"track\"", "\"batch\":", "99999999999999999999999", "\u00e9",
      "\uD83D\uDE00", "\"userId\":1", "{\"a\":[[[]]]}");

  enum Op { REPLACE, INSERT, DELETE, INSERT_TOKEN, TRUNCATE, REPEAT }

  record Mutation(int at, Op op, byte value, String token) {}

  @Property(tries = 3000)
  void mutatedBodiesAreStoredOrRefusedWithA4xx(@ForAll("mutatedBodies") byte[] body) {
    assertAnsweredWithoutServerError(Endpoint.BATCH, body);
    assertAnsweredWithoutServerError(Endpoint.TRACK, body);
  }

  @Property(tries = 2000)
  void anyJsonValueInAnyFieldIsStoredOrRefusedWithA4xx(@ForAll("paths") List<String> path,
      @ForAll("jsonValues") JsonNode value) {
    ObjectNode body = (ObjectNode) read(SEEDS.get(0));
    JsonNode message = body.withArray("batch").get(0);
    ObjectNode target = path.size() > 1 ? (ObjectNode) message.get(path.get(0)) : (ObjectNode) message;
    target.set(path.get(path.size() - 1), value);
    assertAnsweredWithoutServerError(Endpoint.BATCH, body.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(Validator.standard().validate(message)).isNotNull();
  }

  @Property(tries = 2000)
  void theValidatorAnswersEveryJsonValue(@ForAll("jsonValues") JsonNode value) {
    assertThat(Validator.standard().validate(value)).isNotNull();
  }

  private static void assertAnsweredWithoutServerError(Endpoint endpoint, byte[] body) {
    IngestResult result;
    try {
      result = INGESTOR.ingest(endpoint, new ByteArrayInputStream(body), null, Optional.of(KEY))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("ingest failed on " + new String(body, StandardCharsets.UTF_8), e);
    }
    if (result instanceof IngestResult.Rejected rejected) {
      assertThat(rejected.rejection().status()).as(new String(body, StandardCharsets.UTF_8)).isBetween(400, 499);
      assertThat(rejected.rejection().error()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedBodies() {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 1_000),
        Arbitraries.of(Op.class), Arbitraries.bytes(), Arbitraries.of(TOKENS)).as(Mutation::new);
    return Combinators.combine(Arbitraries.of(SEEDS), mutation.list().ofMinSize(1).ofMaxSize(6))
        .as(IngestFuzzTest::mutate);
  }

  @Provide
  Arbitrary<List<String>> paths() {
    Arbitrary<String> field = Arbitraries.of("type", "userId", "anonymousId", "event", "messageId", "timestamp",
        "sentAt", "properties", "context", "integrations", "traits", "previousId", "action", "originalTimestamp");
    Arbitrary<String> property = Arbitraries.of("conversationId", "messageId", "role", "message_body", "rating",
        "message_count", "type", "action", "sub_type", "");
    return Arbitraries.oneOf(field.map(List::of), property.map(p -> List.of("properties", p)));
  }

  @Provide
  Arbitrary<JsonNode> jsonValues() {
    return Arbitraries.recursive(IngestFuzzTest::leaves, IngestFuzzTest::containers, 0, 4);
  }

  private static Arbitrary<JsonNode> leaves() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(f::textNode),
        Arbitraries.of("2026-11-20T10:00:00Z", "+999999999-12-31T23:59:59Z", "", "Message Sent", "track")
            .map(f::textNode),
        Arbitraries.longs().map(f::numberNode), Arbitraries.doubles().map(f::numberNode),
        Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
            .map(f::numberNode),
        Arbitraries.of(f.booleanNode(true), f.booleanNode(false), f.nullNode(), f.numberNode(Double.NaN),
            f.numberNode(Double.POSITIVE_INFINITY)));
  }

  private static Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
    Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(3).map(items -> {
      ArrayNode a = JSON.createArrayNode();
      items.forEach(a::add);
      return a;
    });
    Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.of("type", "event", "userId", "rating", "x", ""),
        inner).as((k, v) -> JSON.createObjectNode().set(k, v)).list().ofMaxSize(3).map(entries -> {
          ObjectNode o = JSON.createObjectNode();
          entries.forEach(e -> o.setAll((ObjectNode) e));
          return o;
        });
    return Arbitraries.oneOf(arrays, objects);
  }

  private static byte[] mutate(String seed, List<Mutation> mutations) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    for (Mutation m : mutations) {
      int at = bytes.length == 0 ? 0 : m.at() % (bytes.length + 1);
      bytes = switch (m.op()) {
        case REPLACE -> at < bytes.length ? with(bytes, at, m.value()) : bytes;
        case INSERT -> splice(bytes, at, 0, new byte[] {m.value()});
        case DELETE -> at < bytes.length ? splice(bytes, at, 1, new byte[0]) : bytes;
        case INSERT_TOKEN -> splice(bytes, at, 0, m.token().getBytes(StandardCharsets.UTF_8));
        case TRUNCATE -> java.util.Arrays.copyOf(bytes, at);
        case REPEAT -> splice(bytes, at, 0, java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 40)));
      };
    }
    return bytes;
  }

  private static byte[] with(byte[] bytes, int at, byte value) {
    byte[] copy = bytes.clone();
    copy[at] = value;
    return copy;
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] out = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
    return out;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Ingestor ingestor() {
    try {
      Path dir = Files.createTempDirectory("parley-fuzz");
      KeyStore keys = KeyStore.open(dir);
      keys.ensure(KEY, "fuzz");
      EventSink sink = submission -> CompletableFuture.completedFuture(null);
      return new Ingestor(JSON, keys, ValidationMode.FLAG, sink, new Metrics(), Clock.systemUTC(),
          new RateLimiter(0, System::nanoTime));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
