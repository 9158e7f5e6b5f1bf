package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ingest contract over HTTP: auth, limits, bad input, normalisation, dedupe. */
class IngestEndToEndTest {
  @RegisterExtension static final ServerPerClass shared = new ServerPerClass();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = shared.get();
  }

  private static JsonNode eventsOf(String userId) {
    return server.events(Map.of("userId", userId));
  }

  @Test
  void aMessageWhoseOwnTypeNamesNoKnownTypeIsRefusedWithItsIndex() {
    HttpResponse<String> single = server.post("/v1/track",
        "{\"type\":\"explode\",\"userId\":\"typed-user\",\"event\":\"E\",\"messageId\":\"explode-1\"}");
    HttpResponse<String> batch = server.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"typed-user\","
        + "\"event\":\"E\",\"messageId\":\"fine-1\"},{\"type\":7,\"userId\":\"typed-user\",\"messageId\":\"seven\"}]}");

    assertThat(single.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(single.body()).get("error").asText())
        .contains("message 0").contains("\"explode\"").contains("track, identify, page, screen, group, alias");
    assertThat(batch.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(batch.body()).get("error").asText()).contains("message 1").contains("unknown type 7");
    assertThat(eventsOf("typed-user")).as("nothing of either request is stored").isEmpty();
  }

  @Test
  void resentBatchIsStoredOnce() {
    String body = Messages.batch(List.of(Messages.started("dedupe-user", "c1", "dd-1"),
        Messages.started("dedupe-user", "c2", "dd-2"), Messages.started("dedupe-user", "c2", "dd-2")));

    assertThat(server.post("/v1/batch", body).statusCode()).isEqualTo(200);
    assertThat(server.post("/v1/batch", body).statusCode()).isEqualTo(200);
    assertThat(server.post("/v1/import/", body).statusCode()).isEqualTo(200);

    assertThat(eventsOf("dedupe-user")).hasSize(2);
  }

  @Test
  void unknownWriteKeyIsAnswered401() {
    HttpResponse<String> byHeader = server.post("/v1/track", Messages.started("u", "c", "k1").toString().getBytes(
        StandardCharsets.UTF_8), Map.of("Authorization", TestServer.basic("nope")));
    HttpResponse<String> byBody = server.post("/v1/track",
        Messages.started("u", "c", "k2").put("writeKey", "nope").toString().getBytes(StandardCharsets.UTF_8), Map.of());
    HttpResponse<String> none = server.post("/v1/track",
        Messages.started("u", "c", "k3").toString().getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(List.of(byHeader.statusCode(), byBody.statusCode(), none.statusCode())).containsOnly(401);
  }

  @Test
  void writeKeyInTheBodyAndShortPathsAndTextPlainAreAccepted() {
    ObjectNode message = Messages.started("short-user", "c", "short-1").put("writeKey", TestServer.WRITE_KEY);
    HttpResponse<String> response = server.post("/v1/t/", message.toString().getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/plain"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode stored = eventsOf("short-user").get(0);
    assertThat(stored.has("writeKey")).as("the key is never stored").isFalse();
  }

  @Test
  void messagesWithoutIdentityAreAnswered400WithTheirIndex() {
    ObjectNode anonymous = Messages.started("x", "c", "noid");
    anonymous.remove("userId");
    HttpResponse<String> response = server.post("/v1/batch",
        Messages.batch(List.of(Messages.started("id-user", "c", "id-1"), anonymous)));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = TestServer.json(response.body());
    assertThat(body.get("success").asBoolean()).isFalse();
    assertThat(body.get("details").get(0).asText()).startsWith("message 1 ");
    assertThat(eventsOf("id-user")).as("nothing of a refused request is stored").isEmpty();
  }

  @Test
  void gzipBodiesAreAccepted() throws IOException {
    byte[] body = gzip(Messages.batch(List.of(Messages.started("gzip-user", "c", "gz-1"))).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = server.post("/v1/batch", body,
        Map.of("Authorization", TestServer.basic(TestServer.WRITE_KEY), "Content-Encoding", "gzip"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(eventsOf("gzip-user")).hasSize(1);
  }

  @Test
  void hostileBodiesAreAnswered400NotA5xx() {
    String deep = "{\"userId\":\"u\",\"event\":\"x\",\"properties\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    byte[] invalidUtf8 = {'{', '"', 'u', 's', 'e', 'r', 'I', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    String longNumber = "{\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"n\":" + "9".repeat(5_000) + "}}";

    assertThat(server.post("/v1/track", deep).statusCode()).isEqualTo(400);
    assertThat(server.post("/v1/track", invalidUtf8, Map.of("Authorization", TestServer.basic(TestServer.WRITE_KEY)))
        .statusCode()).isEqualTo(400);
    assertThat(server.post("/v1/track", longNumber).statusCode()).isEqualTo(400);
  }

  @Test
  void oddButValidValuesAreStored() {
    String body = "{\"userId\":\"odd-user\",\"event\":\"Odd\",\"messageId\":\"odd-1\",\"timestamp\":\"+99999-01-01T00:00:00Z\","
        + "\"properties\":{\"big\":1e999999,\"huge\":123456789012345678901234567890,\"nul\":\"a\\u0000b\","
        + "\"pair\":\"\\ud83d\\ude00\",\"rating\":1e308}}";

    HttpResponse<String> response = server.post("/v1/track", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(eventsOf("odd-user")).hasSize(1);
  }

  /**
   * Half a surrogate pair has no UTF-8 form: stored, it would turn into {@code ?}, and
   * {@code lone-\\udbff} and {@code lone-?} would be one messageId, the second acknowledged and
   * never stored. Such a body is refused, saying where.
   */
  @Test
  void anUnpairedSurrogateIsRefusedNotTurnedIntoAQuestionMark() {
    String question = "{\"userId\":\"sur-user\",\"event\":\"Odd\",\"messageId\":\"lone-?\"}";
    String high = "{\"userId\":\"sur-user\",\"event\":\"Odd\",\"messageId\":\"lone-\\udbff\"}";
    String text = "{\"userId\":\"sur-user\",\"event\":\"Odd\",\"messageId\":\"lone-text\","
        + "\"properties\":{\"t\":\"a backslash, then ud800: \\\\ud800\"}}";
    String low = "{\"userId\":\"sur-user\",\"event\":\"Odd\",\"properties\":{\"t\":\"\\ude00\"}}";
    String reversed = "{\"userId\":\"sur-user\",\"event\":\"Odd\",\"properties\":{\"t\":\"\\ude00\\ud83d\"}}";

    assertThat(server.post("/v1/track", question).statusCode()).isEqualTo(200);
    assertThat(server.post("/v1/track", text).statusCode()).isEqualTo(200);
    for (String body : List.of(high, low, reversed)) {
      HttpResponse<String> response = server.post("/v1/track", body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.body()).contains("unpaired UTF-16 surrogate");
    }
    assertThat(eventsOf("sur-user")).extracting(e -> e.get("messageId").asText())
        .containsExactlyInAnyOrder("lone-?", "lone-text");
  }

  @Test
  void clockSkewIsCorrectedFromSentAt() {
    ObjectNode m = Messages.started("skew-user", "c", "skew-1").put("timestamp", "2020-01-01T00:00:00Z")
        .put("sentAt", "2020-01-01T00:00:10Z");
    Instant before = Instant.now();
    assertThat(server.post("/v1/track", m.toString()).statusCode()).isEqualTo(200);
    Instant after = Instant.now();

    JsonNode stored = eventsOf("skew-user").get(0);
    Instant timestamp = Instant.parse(stored.get("timestamp").asText());
    Instant receivedAt = Instant.parse(stored.get("receivedAt").asText());
    assertThat(Duration.between(timestamp, receivedAt)).isEqualTo(Duration.ofSeconds(10));
    assertThat(receivedAt).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    assertThat(stored.get("originalTimestamp").asText()).isEqualTo("2020-01-01T00:00:00Z");
  }

  @Test
  void batchContextAppliesUnderEachMessagesOwn() {
    ObjectNode own = Messages.started("ctx-user", "c", "ctx-1");
    own.putObject("context").put("locale", "fr").putObject("library").put("name", "mine");
    String body = "{\"batch\":[" + own + "," + Messages.started("ctx-user", "c", "ctx-2") + "],"
        + "\"sentAt\":\"2026-11-20T10:00:00.000Z\",\"context\":{\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.4\"},"
        + "\"ip\":\"1.2.3.4\"},\"integrations\":{\"All\":true}}";

    assertThat(server.post("/v1/batch", body).statusCode()).isEqualTo(200);

    JsonNode events = eventsOf("ctx-user");
    JsonNode first = events.get(0).get("messageId").asText().equals("ctx-1") ? events.get(0) : events.get(1);
    JsonNode second = first == events.get(0) ? events.get(1) : events.get(0);
    assertThat(first.at("/context/locale").asText()).isEqualTo("fr");
    assertThat(first.at("/context/library/name").asText()).isEqualTo("mine");
    assertThat(first.at("/context/library/version").asText()).isEqualTo("3.5.4");
    assertThat(first.at("/context/ip").asText()).isEqualTo("1.2.3.4");
    assertThat(second.at("/context/library/name").asText()).isEqualTo("analytics-java");
    assertThat(second.at("/integrations/All").asBoolean()).isTrue();
  }

  @Test
  void actionIsReadAsTypeAndAMissingMessageIdIsMade() {
    String body = "{\"action\":\"identify\",\"userId\":\"action-user\",\"traits\":{\"plan\":\"pro\"}}";

    assertThat(server.post("/v1/batch", "{\"batch\":[" + body + "]}").statusCode()).isEqualTo(200);

    JsonNode stored = eventsOf("action-user").get(0);
    assertThat(stored.get("type").asText()).isEqualTo("identify");
    assertThat(stored.get("messageId").asText()).isNotBlank();
  }

  @Test
  void topLevelRoleIsMovedIntoPropertiesAndFlagged() {
    String body = "{\"type\":\"track\",\"userId\":\"role-user\",\"event\":\"Message Received\",\"role\":\"agent\","
        + "\"properties\":{\"conversationId\":\"c\",\"messageId\":\"m\",\"message_body\":\"hello\"}}";

    assertThat(server.post("/v1/track", body).statusCode()).isEqualTo(200);

    JsonNode stored = eventsOf("role-user").get(0);
    assertThat(stored.has("role")).isFalse();
    assertThat(stored.at("/properties/role").asText()).isEqualTo("agent");
    assertThat(stored.at("/violations/0/code").asText()).isEqualTo("misplaced_property");
  }

  @Test
  void topLevelRoleOnASpecEventWithoutARolePropertyIsMovedIntoPropertiesAndFlagged() {
    String body = "{\"type\":\"track\",\"userId\":\"started-role-user\",\"event\":\"Conversation Started\","
        + "\"role\":\"ai_agent\",\"properties\":{\"conversationId\":\"c\"}}";

    assertThat(server.post("/v1/track", body).statusCode()).isEqualTo(200);

    JsonNode stored = eventsOf("started-role-user").get(0);
    assertThat(stored.has("role")).isFalse();
    assertThat(stored.at("/properties/role").asText()).isEqualTo("ai_agent");
    assertThat(stored.get("violations")).extracting(v -> v.get("code").asText() + "@" + v.get("path").asText())
        .containsExactly("misplaced_property@role");
  }

  @Test
  void blankEventNameIsStoredAsSentAndFlagged() {
    String body = Messages.batch(List.of(
        Messages.started("blank-event-user", "c", "blank-1").put("event", ""),
        Messages.started("blank-event-user", "c", "blank-2").put("event", "   ")));

    assertThat(server.post("/v1/batch", body).statusCode()).isEqualTo(200);

    JsonNode stored = eventsOf("blank-event-user");
    assertThat(stored).extracting(e -> e.get("event").asText()).containsExactlyInAnyOrder("", "   ");
    assertThat(stored).allSatisfy(e -> assertThat(e.get("violations"))
        .extracting(v -> v.get("code").asText() + "@" + v.get("path").asText())
        .containsExactly("invalid_value@event"));
  }

  @Test
  void aTopLevelActionIsMovedIntoPropertiesAndCounted() {
    String body = "{\"type\":\"track\",\"userId\":\"misplaced-action-user\",\"event\":\"Action Invoked\","
        + "\"action\":\"check stock level\",\"properties\":{\"conversationId\":\"c\",\"messageId\":\"m\","
        + "\"type\":\"Inventory Request\"}}";

    assertThat(server.post("/v1/track", body).statusCode()).isEqualTo(200);

    JsonNode stored = eventsOf("misplaced-action-user").get(0);
    assertThat(stored.at("/properties/action").asText()).isEqualTo("check stock level");
    assertThat(stored.get("violations")).extracting(v -> v.get("code").asText() + "@" + v.get("path").asText())
        .containsExactly("misplaced_property@action");
  }

  @Test
  void identifyPropertiesAreItsTraits() {
    String body = "{\"userId\":\"traits-user\",\"action\":\"identify\",\"properties\":{\"plan\":\"pro\"}}";

    assertThat(server.post("/v1/identify", body).statusCode()).isEqualTo(200);

    JsonNode stored = eventsOf("traits-user").get(0);
    assertThat(stored.at("/traits/plan").asText()).isEqualTo("pro");
    assertThat(stored.has("properties")).isFalse();
  }

  @Test
  void timesOutsideTheKeptRangeAreStoredAtTheirArrival() {
    String far = Messages.started("far-user", "far", "far-1").put("timestamp", "2300-01-01T00:00:00Z").toString();
    String skewed = Messages.started("far-user", "far", "far-2").put("timestamp", "1000-01-01T00:00:00Z")
        .put("sentAt", "1000-01-01T00:00:01Z").toString();
    String good = Messages.started("far-user", "near", "far-3").put("timestamp", "2026-11-20T10:00:00Z").toString();
    Instant before = Instant.now();

    assertThat(server.post("/v1/batch", "{\"batch\":[" + far + "," + skewed + "," + good + "]}").statusCode())
        .isEqualTo(200);

    JsonNode stored = eventsOf("far-user");
    assertThat(stored).hasSize(3);
    for (JsonNode event : stored) {
      Instant at = Instant.parse(event.get("timestamp").asText());
      if (event.get("messageId").asText().equals("far-3")) {
        assertThat(at).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
      } else {
        assertThat(at).isAfterOrEqualTo(before.minusSeconds(1));
      }
    }
    assertThat(server.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(server.get("/api/v1/summary?from=1600-01-01").statusCode()).isEqualTo(400);
  }

  @Test
  void browserPreflightIsAnswered() {
    HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(server.uri("/v1/t"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://example.test")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization").build());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("authorization");
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
