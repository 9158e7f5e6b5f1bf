package dev.parley.springai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A collector's transcript ({@code /api/v1/conversations/{id}}) reduced to what a conversation
 * sent through the Parley SDK and the same conversation sent as OpenTelemetry spans must share.
 */
public final class Transcripts {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Chat message ids: random UUIDs from the SDK, derived from trace and span ids from spans. */
  private static final List<String> IDS = List.of("messageId");
  /** What only one side knows: the advisor's measures of the exchange and the tool run; the span's provider. */
  private static final List<String> ONE_SIDED = List.of("total_tokens", "latency_ms", "streaming", "duration_ms",
      "failed", "provider");
  private static final List<String> BODIES = List.of("message_body", "message_body_captured");

  private Transcripts() {}

  /**
   * The conversation's own figures; its messages in order, each with its identity, the time the
   * client stamped it ({@code originalTimestamp}, before the collector corrects a client's clock
   * skew), its properties and its actions; and the actions in order. Left out: Conversation
   * Started (spans have none), ids, one-sided properties, the actions' times (a span stamps an
   * action when the tool starts, the SDK when the reply is reported), and, unless
   * {@code withBodies}, the message bodies.
   */
  public static ObjectNode comparable(JsonNode transcript, boolean withBodies) {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode conversation = out.putObject("conversation");
    for (String field : List.of("conversationId", "userId", "anonymousId", "endedAt", "messageCount", "avgRating",
        "actions", "outcomes")) {
      conversation.set(field, transcript.get(field));
    }
    ArrayNode messages = out.putArray("messages");
    ArrayNode actions = out.putArray("actions");
    for (JsonNode event : transcript.get("events")) {
      String name = event.get("event").asText();
      if (name.equals("Conversation Started")) {
        continue;
      }
      JsonNode message = event.get("message");
      ObjectNode kept = (name.equals("Action Invoked") ? actions : messages).addObject().put("event", name);
      kept.set("role", event.get("role"));
      kept.set("userId", message.get("userId"));
      kept.set("anonymousId", message.get("anonymousId"));
      ObjectNode properties = message.get("properties").deepCopy();
      properties.remove(IDS);
      properties.remove(ONE_SIDED);
      if (!withBodies) {
        properties.remove(BODIES);
      }
      kept.set("properties", properties);
      if (!name.equals("Action Invoked")) {
        kept.put("timestamp", Instant.parse(message.get("originalTimestamp").asText()).toString());
        ArrayNode attached = kept.putArray("actions");
        event.path("actions").forEach(action -> attached.addObject().put("type", action.path("type").asText())
            .put("action", action.path("action").asText()));
      }
    }
    out.set("findings", transcript.get("findings"));
    return out;
  }
}
