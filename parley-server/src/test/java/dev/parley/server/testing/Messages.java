package dev.parley.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds Segment messages and batch bodies for tests. */
public final class Messages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Messages() {}

  /** A valid Conversation Started track message. */
  public static ObjectNode started(String userId, String conversationId, String messageId) {
    ObjectNode m = JSON.createObjectNode().put("type", "track").put("userId", userId)
        .put("event", "Conversation Started").put("messageId", messageId)
        .put("timestamp", "2026-11-20T10:00:00.000Z");
    m.putObject("properties").put("conversationId", conversationId);
    return m;
  }

  /** A batch body carrying these messages. */
  public static String batch(List<ObjectNode> messages) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode batch = body.putArray("batch");
    messages.forEach(batch::add);
    return body.toString();
  }
}
