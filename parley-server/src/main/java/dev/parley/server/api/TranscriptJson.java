package dev.parley.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.server.analytics.Transcript;
import dev.parley.server.analytics.TranscriptEvent;

/**
 * Shapes a transcript as JSON: the conversation's fields, then {@code events} in order,
 * each with Parley's reading of it ({@code seq}, {@code ts}, {@code role}) and the stored
 * Segment message as {@code message} (Segment's names: top-level {@code messageId} is the
 * event, {@code properties.messageId} the chat message). Message events also list their
 * {@code actions}, {@code media}, {@code components} and {@code feedback}.
 */
final class TranscriptJson {
  private TranscriptJson() {}

  static ObjectNode of(Transcript transcript) {
    ObjectNode root = ApiJson.MAPPER.valueToTree(transcript.conversation());
    ArrayNode events = root.putArray("events");
    for (TranscriptEvent e : transcript.events()) {
      ObjectNode node = events.addObject();
      node.put("seq", e.seq()).put("ts", e.ts().toString()).put("type", e.type()).put("event", e.event())
          .put("role", e.role()).put("chatMessageId", e.chatMessageId());
      node.set("message", parse(e.body()));
      if (e.event() != null && e.event().startsWith("Message ")) {
        ArrayNode actions = node.putArray("actions");
        ArrayNode media = node.putArray("media");
        ArrayNode components = node.putArray("components");
        ArrayNode feedback = node.putArray("feedback");
        for (TranscriptEvent a : e.attached()) {
          ObjectNode item = switch (a.event()) {
            case "Action Invoked" -> actions.addObject().put("type", a.itemType()).put("action", a.action());
            case "Media Generated" -> media.addObject().put("type", a.itemType()).put("subType", a.subType());
            case "Component Loaded" -> components.addObject().put("type", a.itemType());
            default -> feedback.addObject().put("rating", a.rating());
          };
          item.put("seq", a.seq()).put("ts", a.ts().toString());
        }
      }
    }
    root.set("findings", ApiJson.MAPPER.valueToTree(transcript.findings()));
    return root;
  }

  private static JsonNode parse(String body) {
    try {
      return ApiJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(body);
    }
  }
}
