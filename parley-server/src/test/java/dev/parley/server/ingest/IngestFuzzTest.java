package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.config.KeyStore;
import dev.parley.server.config.ValidationMode;
import dev.parley.server.log.SubmissionCodec;
import dev.parley.server.metrics.Metrics;
import dev.parley.spec.Validator;
import dev.parley.spec.Violation;
import dev.parley.spec.ViolationCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of the ingest path without HTTP (body reader, parser, normaliser,
 * validator) and of the validator alone. Every mutated or randomly typed body is answered
 * either with a 4xx whose answer carries a non-blank {@code error} and a {@code details}
 * array, or with a 200 for which every message sent is in the log record, in order, with
 * columns that match its stored body, and, where the message was sent valid, every field the
 * sender owns stored as sent. Never an exception or a 5xx. jqwik shrinks a failure to a small
 * body. Runs a few thousand cases in a few seconds.
 */
class IngestFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "fuzz-key";
  /** What the sink was last handed, through the log's own encoding: what a 200 made durable. */
  private static final AtomicReference<Submission> LOGGED = new AtomicReference<>();
  private static final KeyStore KEYS = keys();
  private static final Ingestor INGESTOR = ingestor(KEYS);
  /** Fields the collector writes itself (times, ids it makes, the batch's shared fields merged in). */
  private static final Set<String> COLLECTOR_FIELDS = Set.of("type", "messageId", "timestamp", "originalTimestamp",
      "sentAt", "receivedAt", "context", "integrations", "writeKey");
  private static final String STORED_AS_SENT = "stored, valid messages compared";
  private static final List<String> SEEDS = List.of(
      "{\"batch\":[{\"type\":\"track\",\"event\":\"Message Sent\",\"userId\":\"u\",\"messageId\":\"m1\","
          + "\"timestamp\":\"2026-11-20T10:00:00.000Z\",\"properties\":{\"conversationId\":\"c\",\"messageId\":\"x\","
          + "\"message_body\":\"hi\",\"role\":\"customer\"}},{\"type\":\"identify\",\"anonymousId\":\"a\","
          + "\"traits\":{\"plan\":\"pro\"}}],\"sentAt\":\"2026-11-20T10:00:01.000Z\",\"context\":{\"ip\":\"1.2.3.4\"}}",
      "{\"batch\":[{\"action\":\"track\",\"event\":\"Feedback Submitted\",\"userId\":\"u\",\"properties\":"
          + "{\"conversationId\":\"c\",\"rating\":4.5,\"message_count\":3}}]}",
      "{\"batch\":[{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"p\"},{\"type\":\"page\",\"userId\":\"u\","
          + "\"name\":\"Home\"}]}",
      // Single messages, as /v1/track and the other single endpoints take them.
      "{\"event\":\"Message Received\",\"anonymousId\":\"a\",\"messageId\":\"m2\",\"sentAt\":\"2026-11-20T10:00:01Z\","
          + "\"properties\":{\"conversationId\":\"c\",\"messageId\":\"y\",\"message_body\":\"hello\"}}",
      "{\"type\":\"track\",\"event\":\"Conversation Started\",\"userId\":42,\"context\":{\"locale\":\"fr\"},"
          + "\"properties\":{\"conversationId\":\"c2\"}}");
  private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "-0",
      "\\u0000", "\"\\uD800\"", "true", "\"type\":\"track\"", "\"batch\":", "99999999999999999999999", "\u00e9",
      "\uD83D\uDE00", "\"userId\":1", "{\"a\":[[[]]]}");

  enum Op { REPLACE, INSERT, DELETE, INSERT_TOKEN, TRUNCATE, REPEAT }

  record Mutation(int at, Op op, byte value, String token) {}

  @Property(tries = 3000)
  void mutatedBodiesAreStoredAsSentOrRefusedWithA4xx(@ForAll("mutatedBodies") byte[] body) {
    Statistics.label("batch").collect(assertAnsweredWithoutServerError(Endpoint.BATCH, body));
    Statistics.label("track").collect(assertAnsweredWithoutServerError(Endpoint.TRACK, body));
    // Not only refusals: enough bodies survive their mutations for the 200 checks to run.
    Statistics.label("batch").coverage(c -> c.check(STORED_AS_SENT).count(n -> n >= 10));
    Statistics.label("track").coverage(c -> c.check(STORED_AS_SENT).count(n -> n >= 10));
  }

  @Property(tries = 2000)
  void anyJsonValueInAnyFieldIsStoredAsSentOrRefusedWithA4xx(@ForAll("paths") List<String> path,
      @ForAll("jsonValues") JsonNode value) {
    ObjectNode body = (ObjectNode) read(SEEDS.get(0));
    JsonNode message = body.withArray("batch").get(0);
    ObjectNode target = path.size() > 1 ? (ObjectNode) message.get(path.get(0)) : (ObjectNode) message;
    target.set(path.get(path.size() - 1), value);
    Statistics.collect(assertAnsweredWithoutServerError(Endpoint.BATCH, body.toString().getBytes(StandardCharsets.UTF_8)));
    Statistics.coverage(c -> c.check(STORED_AS_SENT).percentage(p -> p >= 20));
    assertValidatorAnswers(message);
  }

  @Property(tries = 2000)
  void theValidatorAnswersEveryJsonValue(@ForAll("jsonValues") JsonNode value) {
    assertValidatorAnswers(value);
  }

  /**
   * The validator leaves the message as it was, answers the same twice, explains every
   * violation, and reports a missing identity exactly when there is none.
   */
  private static void assertValidatorAnswers(JsonNode message) {
    JsonNode before = message.deepCopy();
    List<Violation> violations = Validator.standard().validate(message);
    assertThat(message).as("left as it was").isEqualTo(before);
    assertThat(Validator.standard().validate(message)).isEqualTo(violations);
    assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    boolean identified = identity(message.get("userId")) != null || identity(message.get("anonymousId")) != null;
    assertThat(violations).extracting(Violation::code).as(message.toString())
        .matches(codes -> codes.contains(ViolationCode.MISSING_IDENTITY) != identified);
  }

  /** Asserts what holds for every answer; returns what the answer was, for jqwik's statistics. */
  private static String assertAnsweredWithoutServerError(Endpoint endpoint, byte[] body) {
    String sent = new String(body, StandardCharsets.UTF_8);
    IngestResult result;
    LOGGED.set(null);
    try {
      result = INGESTOR.ingest(endpoint, body, null, Optional.of(KEY))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("ingest failed on " + sent, e);
    }
    ObjectNode answer = IngestRoutes.body(JSON, result);
    if (result instanceof IngestResult.Rejected rejected) {
      assertThat(rejected.rejection().status()).as(sent).isBetween(400, 499);
      assertThat(LOGGED.get()).as("nothing logged for a refused request").isNull();
      assertThat(answer.path("success").asBoolean(true)).isFalse();
      assertThat(answer.path("error").isTextual()).as(answer.toString()).isTrue();
      assertThat(answer.path("error").textValue()).isNotBlank();
      assertThat(answer.path("details").isArray()).as(answer.toString()).isTrue();
      assertThat(answer.path("details")).allSatisfy(detail -> assertThat(detail.isTextual()).isTrue());
      return "refused";
    }
    assertThat(answer.path("success").asBoolean(false)).isTrue();
    int valid = assertStoredAsSent(endpoint, body, (IngestResult.Stored) result, LOGGED.get());
    return valid > 0 ? STORED_AS_SENT : "stored";
  }

  /** Returns how many messages were sent valid, and so compared field by field. */
  private static int assertStoredAsSent(Endpoint endpoint, byte[] body, IngestResult.Stored stored,
      Submission logged) {
    String sentText = new String(body, StandardCharsets.UTF_8);
    JsonNode sentBody = read(sentText);
    List<JsonNode> sent = new ArrayList<>();
    (endpoint.isBatch() ? sentBody.path("batch") : JSON.createArrayNode().add(sentBody)).forEach(sent::add);
    assertThat(logged).as(sentText).isNotNull();
    assertThat(stored.refused()).as("flag mode refuses no message").isEmpty();
    assertThat(stored.accepted()).as(sentText).isEqualTo(sent.size());
    assertThat(logged.events()).as(sentText).hasSize(sent.size());
    int valid = 0;
    for (int i = 0; i < sent.size(); i++) {
      ObjectNode message = (ObjectNode) sent.get(i);
      NormalisedEvent event = logged.events().get(i);
      JsonNode back = read(event.body());
      assertThat(event.source()).isEqualTo(KEYS.byWriteKey(KEY).orElseThrow().id());
      assertThat(event.messageId()).isEqualTo(back.path("messageId").textValue());
      assertThat(event.type()).isEqualTo(back.path("type").textValue());
      assertThat(event.userId()).as(sentText).isEqualTo(identity(message.get("userId")));
      assertThat(event.anonymousId()).as(sentText).isEqualTo(identity(message.get("anonymousId")));
      if (identity(message.get("messageId")) != null) {
        assertThat(event.messageId()).isEqualTo(identity(message.get("messageId")));
      }
      if (!event.violations().isEmpty()) {
        continue;
      }
      // Sent valid: what the sender owns reads back as sent.
      valid++;
      for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        boolean typeWrittenAsAction = name.equals("action") && !message.hasNonNull("type");
        boolean identifyProperties = name.equals("properties") && event.type().equals("identify");
        if (!COLLECTOR_FIELDS.contains(name) && !typeWrittenAsAction && !identifyProperties) {
          assertThat(back.get(name)).as("%s of %s", name, sentText).isEqualTo(message.get(name));
        }
      }
      if (message.hasNonNull("timestamp")) {
        assertThat(back.get("originalTimestamp")).as(sentText).isEqualTo(message.get("timestamp"));
      }
    }
    return valid;
  }

  /** A usable id as the spec defines it: a non-blank string, or a number as text. */
  private static String identity(JsonNode id) {
    if (id != null && id.isTextual() && !id.textValue().isBlank()) {
      return id.textValue();
    }
    return id != null && id.isNumber() ? id.asText() : null;
  }

  @Provide
  Arbitrary<byte[]> mutatedBodies() {
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 1_000),
        Arbitraries.of(Op.class), Arbitraries.bytes(), Arbitraries.of(TOKENS)).as(Mutation::new);
    return Combinators.combine(Arbitraries.of(SEEDS), mutation.list().ofMinSize(0).ofMaxSize(6))
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

  private static KeyStore keys() {
    try {
      KeyStore keys = KeyStore.open(Files.createTempDirectory("parley-fuzz"));
      keys.ensure(KEY, "fuzz");
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Ingestor ingestor(KeyStore keys) {
    EventSink sink = submission -> {
      LOGGED.set(SubmissionCodec.decode(SubmissionCodec.encode(submission)));
      return CompletableFuture.completedFuture(null);
    };
    return new Ingestor(JSON, keys, ValidationMode.FLAG, sink, new Metrics(), Clock.systemUTC(),
        RateLimiter.unlimited());
  }
}
