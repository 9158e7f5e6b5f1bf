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
import dev.parley.spec.testing.SharedVectors;
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
 * Every message of the {@code valid.json} and {@code violations.json} vectors (the project's,
 * and the shared ones when they are beside the project), sent over HTTP and read back through
 * {@code /api/v1/events}, with exactly the expected violations.
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
    assertValidAreStoredClean(Conformance.valid(), "valid-");
  }

  @Test
  void violatingMessagesAreStoredWithExactlyTheirViolations() {
    assertViolationsAreStored(Conformance.violations(), "violation-");
  }

  @Test
  @SharedVectors
  void sharedValidMessagesAreStoredWithoutViolations() {
    assertValidAreStoredClean(Conformance.sharedOrSkip().valid(), "shared-valid-");
  }

  @Test
  @SharedVectors
  void sharedViolatingMessagesAreStoredWithExactlyTheirViolations() {
    assertViolationsAreStored(Conformance.sharedOrSkip().violations(), "shared-violation-");
  }

  /** Sends the cases in one batch, each under the envelope messageId {@code prefix + name}. */
  private static void assertValidAreStoredClean(List<ValidCase> cases, String prefix) {
    List<ObjectNode> messages = new ArrayList<>();
    for (ValidCase c : cases) {
      messages.add(c.message().deepCopy().put("messageId", prefix + c.name()));
    }

    HttpResponse<String> response = server.post("/v1/batch", Messages.batch(messages));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, JsonNode> stored = storedByMessageId();
    for (ValidCase c : cases) {
      JsonNode event = stored.get(prefix + c.name());
      assertThat(event).as(c.name()).isNotNull();
      assertThat(event.get("violations")).as(c.name()).isEmpty();
    }
  }

  /** Sends each case on its own; one without identity is refused (400) and not stored. */
  private static void assertViolationsAreStored(List<ViolationCase> cases, String prefix) {
    for (ViolationCase c : cases) {
      ObjectNode message = c.message().deepCopy().put("messageId", prefix + c.name());
      HttpResponse<String> response = server.post("/v1/track", message.toString());
      assertThat(response.statusCode()).as(c.name() + ": " + response.body()).isEqualTo(noIdentity(c) ? 400 : 200);
    }

    Map<String, JsonNode> stored = storedByMessageId();
    for (ViolationCase c : cases) {
      JsonNode event = stored.get(prefix + c.name());
      if (noIdentity(c)) {
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

  private static boolean noIdentity(ViolationCase c) {
    return c.expect().stream().anyMatch(e -> e.code().equals("missing_identity"));
  }

  private static Map<String, JsonNode> storedByMessageId() {
    Map<String, JsonNode> byId = new HashMap<>();
    server.events(Map.of("limit", "1000")).forEach(e -> byId.put(e.get("messageId").asText(), e));
    return byId;
  }
}
