package dev.parley.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversations about three intents (refunds, deliveries, sign-in trouble), 36 differently
 * worded first messages each, as one Segment batch: enough for topics to appear.
 */
public final class TopicTraffic {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final List<String> INTENTS = List.of("refund", "delivery", "login");
  private static final String[][] OPENERS = {
      {"I want a refund for", "Can I get my money back for", "Please refund", "How do I return and get a refund for",
          "Refund request for", "I'd like to be reimbursed for"},
      {"Where is", "When will I receive", "Can you track", "Has anyone shipped", "What is the delivery status of",
          "Why is there a delay with"},
      {"I can't log in to", "How do I reset the password of", "I'm locked out of", "I forgot the password for",
          "Sign-in keeps failing for", "The 2FA code never arrives for"}};
  private static final String[][] OBJECTS = {
      {"my order", "my purchase", "order 4821", "what I bought", "my last order", "the item"},
      {"my parcel", "the package", "my shipment", "the courier box", "my delivery", "the tracking number"},
      {"my account", "the app", "my profile", "the website", "my work account", "the shop account"}};

  private TopicTraffic() {}

  /** The first message of the {@code n}th conversation (0..35) of intent {@code i}. */
  public static String message(int i, int n) {
    return OPENERS[i][n / 6] + " " + OBJECTS[i][n % 6] + "?";
  }

  /** A batch of every conversation, each started, asked, answered after {@code replyMs[i]} and (for refunds) rated 2. */
  public static String batch(Instant start) {
    ArrayNode batch = JSON.createArrayNode();
    for (int i = 0; i < INTENTS.size(); i++) {
      for (int n = 0; n < 36; n++) {
        String id = INTENTS.get(i) + "-" + n;
        Instant at = start.plusSeconds(60L * n + i);
        add(batch, "user-" + n, id, at, "Conversation Started", null);
        add(batch, "user-" + n, id, at.plusSeconds(1), "Message Sent", message(i, n));
        add(batch, "user-" + n, id, at.plusSeconds(3), "Message Received", "Let me look into that.");
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("batch", batch);
    return body.toString();
  }

  /** The conversationIds of intent {@code i}. */
  public static List<String> ids(int i) {
    List<String> out = new ArrayList<>();
    for (int n = 0; n < 36; n++) {
      out.add(INTENTS.get(i) + "-" + n);
    }
    return out;
  }

  private static void add(ArrayNode batch, String user, String conversation, Instant at, String event, String body) {
    ObjectNode m = batch.addObject().put("type", "track").put("userId", user).put("event", event)
        .put("timestamp", at.toString()).put("messageId", event.replace(' ', '-') + "-" + conversation);
    ObjectNode p = m.putObject("properties").put("conversationId", conversation);
    if (body != null) {
      p.put("message_body", body).put("messageId", conversation + "-q");
    }
  }
}
