package dev.parley.bench.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic AI Copilot traffic as Segment batch bodies: conversations of Conversation
 * Started, Message Sent and Received (bodies of 60 to 300 characters), Action Invoked,
 * Feedback Submitted and Conversation Ended, each message with a unique messageId (the
 * collector deduplicates, so repeats would flatter it). About 420 bytes per event.
 */
final class CopilotTraffic implements RequestSource {
  private static final List<String> QUESTIONS = List.of(
      "What's the best stock in the Nasdaq right now?",
      "Can you summarise my last three orders and tell me which one has not shipped yet, with the tracking number?",
      "I was charged twice for the same subscription this month. Please refund one of the charges to my card ending"
          + " 4242, and tell me when I should see the money back in my account.",
      "How do I reset my password?");
  private static final List<String> ANSWERS = List.of(
      "Thank you for reaching out. I can't give investment advice, but here is today's top mover by volume.",
      "Your order #4412 shipped on Monday (tracking 1Z999AA10123456784); #4413 and #4419 are still being packed and"
          + " should leave the warehouse tomorrow.",
      "I'm sorry about the double charge. I've opened refund request R-20931 for one of them; refunds usually reach"
          + " your card within 5 to 10 business days. Is there anything else I can help with?",
      "Go to Settings, then Security, then choose Reset password. We'll e-mail you a link that is valid for an hour.");

  private final String runId;
  private final AtomicLong next = new AtomicLong();

  CopilotTraffic(String runId) {
    this.runId = runId;
  }

  @Override
  public String path() {
    return "/v1/batch";
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] body(int size) {
    return batch(size).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A batch body of {@code size} events: whole conversations of eight events, cut to size. */
  String batch(int size) {
    StringBuilder body = new StringBuilder(size * 460 + 64).append("{\"batch\":[");
    long first = next.getAndAdd(size);
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        body.append(',');
      }
      event(body, first + i);
    }
    return body.append("],\"sentAt\":\"").append(java.time.Instant.now()).append("\"}").toString();
  }

  private void event(StringBuilder b, long n) {
    long conversation = n / 8;
    int step = (int) (n % 8);
    int topic = (int) (conversation % QUESTIONS.size());
    String conversationId = runId + "-c" + conversation;
    b.append("{\"type\":\"track\",\"messageId\":\"").append(runId).append('-').append(n)
        .append("\",\"userId\":\"user-").append(conversation % 5000)
        .append("\",\"timestamp\":\"2026-11-24T12:00:00.000Z\",\"context\":{\"library\":{\"name\":\"parley-java\","
            + "\"version\":\"0.1.0\"},\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64)\",\"locale\":\"en-GB\"},\"event\":\"");
    switch (step) {
      case 0 -> b.append("Conversation Started\",\"properties\":{\"conversationId\":\"").append(conversationId)
          .append("\"}}");
      case 1, 3 -> b.append("Message Sent\",\"properties\":{\"conversationId\":\"").append(conversationId)
          .append("\",\"messageId\":\"m").append(n).append("\",\"message_body\":\"").append(QUESTIONS.get(topic))
          .append("\",\"role\":\"customer\"}}");
      case 2, 4 -> b.append("Message Received\",\"properties\":{\"conversationId\":\"").append(conversationId)
          .append("\",\"messageId\":\"m").append(n).append("\",\"message_body\":\"").append(ANSWERS.get(topic))
          .append("\",\"role\":\"ai_agent\"}}");
      case 5 -> b.append("Action Invoked\",\"properties\":{\"conversationId\":\"").append(conversationId)
          .append("\",\"messageId\":\"m").append(n - 1).append("\",\"type\":\"tool\",\"action\":\"order_lookup\"}}");
      case 6 -> b.append("Feedback Submitted\",\"properties\":{\"conversationId\":\"").append(conversationId)
          .append("\",\"messageId\":\"m").append(n - 2).append("\",\"rating\":").append(1 + conversation % 5)
          .append("}}");
      default -> b.append("Conversation Ended\",\"properties\":{\"conversationId\":\"").append(conversationId)
          .append("\",\"message_count\":4}}");
    }
  }
}
