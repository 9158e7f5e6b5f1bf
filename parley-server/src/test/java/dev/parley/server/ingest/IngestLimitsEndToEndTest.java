package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Segment's size limits over HTTP, applied to messages as stored: each over-limit request is a 413 that names its limit. */
class IngestLimitsEndToEndTest {
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
  void requestOver500KbIsAnswered413NamingTheLimit() {
    List<ObjectNode> messages = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ObjectNode m = Messages.started("big-user", "c", "big-" + i);
      ((ObjectNode) m.get("properties")).put("padding", "x".repeat(20_000));
      messages.add(m);
    }
    HttpResponse<String> response = server.post("/v1/batch", Messages.batch(messages));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("500 KB per request");
    assertThat(eventsOf("big-user")).isEmpty();
  }

  @Test
  void batchOver2500MessagesIsAnswered413() {
    List<ObjectNode> messages = new ArrayList<>();
    for (int i = 0; i < 2_501; i++) {
      messages.add(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("userId", "u"));
    }
    HttpResponse<String> response = server.post("/v1/batch", Messages.batch(messages));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("2500 messages per batch");
  }

  @Test
  void messageOver32KbInsideABatchIsAnswered413() {
    ObjectNode m = Messages.started("u32", "c", "m32");
    ((ObjectNode) m.get("properties")).put("padding", "x".repeat(33_000));
    HttpResponse<String> response = server.post("/v1/batch", Messages.batch(List.of(m)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("32 KB per message");
  }

  @Test
  void messageIdOf100CharactersIsRefused() {
    HttpResponse<String> response = server.post("/v1/track",
        Messages.started("u", "c", "i".repeat(100)).toString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("under 100 characters");
  }

  @Test
  void gzipBombIsAnswered413WhileDecompressing() throws IOException {
    String huge = "{\"batch\":[{\"userId\":\"" + "a".repeat(20_000_000) + "\"}]}";
    byte[] bomb = IngestEndToEndTest.gzip(huge.getBytes(StandardCharsets.UTF_8));
    assertThat(bomb.length).isLessThan(100_000);

    HttpResponse<String> response = server.post("/v1/batch", bomb,
        Map.of("Authorization", TestServer.basic(TestServer.WRITE_KEY), "Content-Encoding", "gzip"));

    assertThat(response.statusCode()).isEqualTo(413);
  }

  /**
   * The batch's context is copied into each message, so it counts against each message's
   * 32 KB as stored: a small body cannot turn into hundreds of megabytes.
   */
  @Test
  void aBatchContextThatMakesAMessageOver32KbAsStoredIsAnswered413() {
    String big = "\"context\":{\"padding\":\"" + "p".repeat(150_000) + "\"}";
    HttpResponse<String> response = server.post("/v1/batch", batchOf("ctx-big", 1_000, big));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.body()).contains("message 0 is").contains("32 KB per message as stored");
    assertThat(eventsOf("ctx-big")).isEmpty();
  }

  @Test
  void aBatchWhoseMessagesComeToOverSixteenBatchesAsStoredIsAnswered413() {
    String context = "\"context\":{\"padding\":\"" + "p".repeat(30_000) + "\"}";
    HttpResponse<String> over = server.post("/v1/batch", batchOf("ctx-many", 300, context));

    assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
    assertThat(over.body()).contains("as stored");
    assertThat(eventsOf("ctx-many")).isEmpty();

    HttpResponse<String> under = server.post("/v1/batch", batchOf("ctx-many", 200, context));
    assertThat(under.statusCode()).as(under.body()).isEqualTo(200);
    assertThat(server.events(Map.of("userId", "ctx-many", "limit", "1000"))).hasSize(200)
        .allSatisfy(event -> assertThat(event.at("/context/padding").asText()).hasSize(30_000));
  }

  private static String batchOf(String user, int messages, String sharedField) {
    StringBuilder body = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < messages; i++) {
      body.append(i == 0 ? "" : ",").append(Messages.started(user, "c", user + "-" + i));
    }
    return body.append("],").append(sharedField).append('}').toString();
  }
}
