package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.testing.Messages;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import dev.parley.spec.testing.Conformance;
import dev.parley.spec.testing.Conformance.ValidCase;
import dev.parley.spec.testing.Conformance.ViolationCase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every message of the shared {@code valid.json} and {@code violations.json} vectors, sent over
 * HTTP and read back through {@code /api/v1/events}, with exactly the expected violations.
 */
class SpecConformanceEndToEndTest {
  @RegisterExtension static final ServerPerClass shared = new ServerPerClass();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = shared.get();
  }

  @Test
  void validMessagesAreStoredWithoutViolations() {
    List<ObjectNode> messages = new ArrayList<>();
    for (ValidCase c : Conformance.valid()) {
      messages.add(c.message().deepCopy().put("messageId", "valid-" + c.name()));
    }

    HttpResponse<String> response = server.post("/v1/batch", Messages.batch(messages));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, JsonNode> stored = storedByMessageId();
    for (ValidCase c : Conformance.valid()) {
      JsonNode event = stored.get("valid-" + c.name());
      assertThat(event).as(c.name()).isNotNull();
      assertThat(event.get("violations")).as(c.name()).isEmpty();
    }
  }

  @Test
  void violatingMessagesAreStoredWithExactlyTheirViolations() {
    for (ViolationCase c : Conformance.violations()) {
      ObjectNode message = c.message().deepCopy().put("messageId", "violation-" + c.name());
      HttpResponse<String> response = server.post("/v1/track", message.toString());
      boolean noIdentity = c.expect().stream().anyMatch(e -> e.code().equals("missing_identity"));
      assertThat(response.statusCode()).as(c.name() + ": " + response.body()).isEqualTo(noIdentity ? 400 : 200);
    }

    Map<String, JsonNode> stored = storedByMessageId();
    for (ViolationCase c : Conformance.violations()) {
      JsonNode event = stored.get("violation-" + c.name());
      if (c.expect().stream().anyMatch(e -> e.code().equals("missing_identity"))) {
        assertThat(event).as(c.name() + " is refused, not stored").isNull();
        continue;
      }
      assertThat(event).as(c.name()).isNotNull();
      List<Tuple> actual = new ArrayList<>();
      event.get("violations").forEach(v -> actual.add(tuple(v.get("code").asText(), v.get("path").asText())));
      assertThat(actual).as(c.name()).containsExactlyInAnyOrderElementsOf(
          c.expect().stream().map(e -> tuple(e.code(), e.path())).toList());
    }
  }

  private static Map<String, JsonNode> storedByMessageId() {
    Map<String, JsonNode> byId = new HashMap<>();
    server.events(Map.of("limit", "1000")).forEach(e -> byId.put(e.get("messageId").asText(), e));
    return byId;
  }
}
