package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.sdk.internal.LibraryInfo;
import dev.parley.sdk.support.FakeClock;
import dev.parley.sdk.support.TestCollector;
import dev.parley.spec.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WireFormatTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
  private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

  private final TestCollector collector = TestCollector.start();
  private final CopilotAnalytics analytics = CopilotAnalytics.builder("WRITE_KEY")
      .endpoint(collector.uri()).flushInterval(Duration.ofSeconds(30)).build();

  @AfterEach
  void stop() {
    analytics.close();
    collector.close();
  }

  @Test
  void postsOneBatchWithBasicAuthJsonAndSentAt() {
    analytics.track(Identity.userId("123"), "Signed Up", Map.of());
    analytics.flush();

    TestCollector.Request request = collector.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/batch");
    assertThat(request.header("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("WRITE_KEY:".getBytes(StandardCharsets.UTF_8)));
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.text()).matches("\\{\"batch\":\\[\\{.*\\}],\"sentAt\":\"" + TIMESTAMP + "\"}");
  }

  @Test
  void messageSentIsByteForByteTheSpecExampleInSegmentsEnvelope() {
    Conversation chat = analytics.startConversation(Identity.userId("123"), "1238041hdou");
    String chatMessageId = chat.messageSent("What's the best stock in the Nasdaq right now?");
    analytics.flush();

    String library = "\"context\":{\"library\":{\"name\":\"parley-java\",\"version\":\"" + LibraryInfo.VERSION + "\"}}";
    String body = collector.requests().get(0).text()
        .replaceAll("\"messageId\":\"" + UUID + "\",\"timestamp\":\"" + TIMESTAMP + "\"", "ENVELOPE")
        .replaceAll("\"sentAt\":\"" + TIMESTAMP + "\"", "SENT_AT")
        .replace(chatMessageId, "msg123");
    assertThat(body).isEqualTo("{\"batch\":["
        + "{\"type\":\"track\",ENVELOPE,\"userId\":\"123\",\"event\":\"Conversation Started\","
        + "\"properties\":{\"conversationId\":\"1238041hdou\"}," + library + "},"
        + "{\"type\":\"track\",ENVELOPE,\"userId\":\"123\",\"event\":\"Message Sent\","
        + "\"properties\":{\"conversationId\":\"1238041hdou\",\"messageId\":\"msg123\","
        + "\"message_body\":\"What's the best stock in the Nasdaq right now?\",\"role\":\"customer\"},"
        + library + "}],SENT_AT}");
  }

  @Test
  void timestampAndSentAtTellTheClientsTime() {
    FakeClock time = new FakeClock(Instant.parse("2026-11-20T10:00:00.250Z"));
    try (CopilotAnalytics client = CopilotAnalytics.builder("WRITE_KEY").endpoint(collector.uri())
        .timeSource(time).build()) {
      client.track(Identity.userId("123"), "Signed Up", Map.of());
      time.advance(Duration.ofMillis(1_500));
      client.flush();
    }
    JsonNode body = collector.requests().get(0).json();
    assertThat(body.at("/batch/0/timestamp").asText()).isEqualTo("2026-11-20T10:00:00.250Z");
    assertThat(body.get("sentAt").asText()).isEqualTo("2026-11-20T10:00:01.750Z");
  }

  @Test
  void aConfiguredClockStampsTimestampsWhileSentAtKeepsTheClientsTime() {
    Instant past = Instant.parse("2026-11-01T09:30:00.123Z");
    FakeClock time = new FakeClock(Instant.parse("2026-11-20T10:00:00Z"));
    try (CopilotAnalytics backfill = CopilotAnalytics.builder("WRITE_KEY").endpoint(collector.uri())
        .clock(Clock.fixed(past, ZoneOffset.UTC)).timeSource(time).build()) {
      backfill.track(Identity.userId("123"), "Signed Up", Map.of());
      backfill.flush();
    }
    JsonNode body = collector.requests().get(0).json();
    assertThat(body.at("/batch/0/timestamp").asText()).isEqualTo("2026-11-01T09:30:00.123Z");
    assertThat(body.get("sentAt").asText()).isEqualTo("2026-11-20T10:00:00.000Z");
  }

  @Test
  void everyEnvelopeHasAUniqueUuidMillisecondTimestampAndIdentity() {
    Conversation chat = analytics.startConversation(Identity.anonymousId("a-1"));
    chat.messageSent("hi");
    analytics.identify(Identity.of("u-1", "a-1"), Map.of("plan", "pro"));
    analytics.flush();

    List<JsonNode> messages = collector.delivered();
    assertThat(messages).hasSize(3);
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.get("messageId").asText()).matches(UUID);
      assertThat(m.get("timestamp").asText()).matches(TIMESTAMP);
      assertThat(m.get("context").get("library").get("name").asText()).isEqualTo("parley-java");
      assertThat(Validator.standard().validate(m)).isEmpty();
    });
    assertThat(messages.stream().map(m -> m.get("messageId").asText()).distinct()).hasSize(3);
    assertThat(messages.get(0).get("anonymousId").asText()).isEqualTo("a-1");
    assertThat(messages.get(0).has("userId")).isFalse();
    JsonNode identify = messages.get(2);
    assertThat(identify.get("type").asText()).isEqualTo("identify");
    assertThat(identify.get("userId").asText()).isEqualTo("u-1");
    assertThat(identify.get("anonymousId").asText()).isEqualTo("a-1");
    assertThat(identify.get("traits").get("plan").asText()).isEqualTo("pro");
  }

  @Test
  void typedCallsUseTheSpecNamesRoleDefaultsAndMessageCount() {
    Conversation chat = analytics.startConversation(Identity.userId("123"));
    String q = chat.messageSent("What's the best stock?");
    String a = chat.messageReceived("Thank you for reaching out.");
    chat.messageReceived("...", "ai_agent");
    chat.messageSent("and bonds?", "human_agent");
    chat.actionInvoked(a, "Inventory Request", "check stock level");
    chat.mediaGenerated(a, "image", "gif");
    chat.componentLoaded(a, "Stock Price Chart");
    chat.feedback(a, 5);
    chat.feedback(4.5);
    chat.track("Item Purchased", Map.of("itemId", "item101112"));
    chat.end();
    analytics.flush();

    List<JsonNode> m = collector.delivered();
    assertThat(m).extracting(n -> n.get("event").asText()).containsExactly("Conversation Started",
        "Message Sent", "Message Received", "Message Received", "Message Sent", "Action Invoked",
        "Media Generated", "Component Loaded", "Feedback Submitted", "Feedback Submitted",
        "Item Purchased", "Conversation Ended");
    assertThat(m).allSatisfy(n -> {
      assertThat(n.get("properties").get("conversationId").asText()).isEqualTo(chat.conversationId());
      assertThat(Validator.standard().validate(n)).isEmpty();
    });
    assertThat(props(m, 1)).isEqualTo(Map.of("conversationId", chat.conversationId(), "messageId", q,
        "message_body", "What's the best stock?", "role", "customer"));
    assertThat(props(m, 2).get("role")).isEqualTo("agent");
    assertThat(props(m, 3).get("role")).isEqualTo("ai_agent");
    assertThat(props(m, 4).get("role")).isEqualTo("human_agent");
    assertThat(props(m, 5)).containsEntry("messageId", a).containsEntry("type", "Inventory Request")
        .containsEntry("action", "check stock level").containsEntry("role", "customer");
    assertThat(props(m, 6)).containsEntry("type", "image").containsEntry("sub_type", "gif").containsEntry("role", "agent");
    assertThat(props(m, 7)).containsEntry("messageId", a).containsEntry("type", "Stock Price Chart");
    assertThat(m.get(8).get("properties").get("rating").isIntegralNumber()).isTrue();
    assertThat(props(m, 8)).containsEntry("messageId", a).containsEntry("rating", 5);
    assertThat(props(m, 9)).doesNotContainKey("messageId").containsEntry("rating", 4.5);
    assertThat(props(m, 10)).containsEntry("itemId", "item101112");
    assertThat(props(m, 11)).containsEntry("message_count", 4);
  }

  @Test
  void extraPropertiesFollowTheTypedOnesAndKeepUnicode() {
    Conversation chat = analytics.startConversation(Identity.userId("123"), "c-1", Map.of("channel", "web"));
    chat.messageSent("Grüße, 東京 😀", Map.of("locale", "de-DE"));
    analytics.flush();

    List<JsonNode> m = collector.delivered();
    assertThat(props(m, 0)).containsEntry("channel", "web");
    assertThat(props(m, 1)).containsEntry("message_body", "Grüße, 東京 😀").containsEntry("locale", "de-DE");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> props(List<JsonNode> messages, int index) {
    return TestCollector.JSON.convertValue(messages.get(index).get("properties"), Map.class);
  }
}
