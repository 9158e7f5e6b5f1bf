package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.sdk.support.TestCollector;
import dev.parley.spec.MessageType;
import dev.parley.spec.Validator;
import dev.parley.spec.testing.Conformance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Plays the spec's own examples (the project's valid vectors marked {@code specExample}) and
 * some of its other valid vectors through the typed API, and compares what reaches the
 * collector with each vector: type, event, identity, and the properties (or traits) byte for
 * byte, names, values and order.
 */
class SpecExamplesTest {
  private static final String CONV = "c-7f3a9";

  /** Valid vectors that are not spec examples but are played below too. */
  private static final List<String> ALSO_PLAYED = List.of(
      "conversation-started-minimal", "message-sent-full", "message-received-role-ai-agent",
      "message-received-role-human-agent", "message-received-role-task-automation-agent",
      "action-invoked-by-the-model", "media-generated-full", "component-loaded-with-extensions",
      "feedback-on-a-message-fractional-rating", "feedback-on-the-conversation-fractional-rating",
      "conversation-ended-message-count-zero", "identify-user-id-with-traits",
      "outcome-event-with-conversation-id", "non-copilot-track-with-properties");

  @Test
  void sdkOutputForTheSpecExamplesMatchesTheConformanceVectors() throws Exception {
    Map<String, String> chatMessageIds = new HashMap<>();
    try (TestCollector collector = TestCollector.start()) {
      try (CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
          .flushAt(1).build()) {
        playTheSpecExamples(analytics, chatMessageIds);
        playOtherValidVectors(analytics, chatMessageIds);
      }
      List<JsonNode> sent = collector.delivered();
      assertThat(sent).allSatisfy(m -> assertThat(Validator.standard().validate(m)).isEmpty());

      List<Conformance.ValidCase> played = new ArrayList<>();
      for (Conformance.ValidCase example : Conformance.valid()) {
        if (example.specExample() || ALSO_PLAYED.contains(example.name())) {
          played.add(example);
        }
      }
      assertThat(played).filteredOn(Conformance.ValidCase::specExample).hasSizeGreaterThanOrEqualTo(10);
      assertThat(played).extracting(Conformance.ValidCase::name).containsAll(ALSO_PLAYED);
      for (Conformance.ValidCase example : played) {
        JsonNode match = find(sent, example.message(), chatMessageIds);
        assertThat(match).as(example.name() + ": no message sent by the SDK matches " + example.message()).isNotNull();
      }
    }
  }

  /** The spec document's examples, with its ids. */
  private static void playTheSpecExamples(CopilotAnalytics analytics, Map<String, String> chatMessageIds) {
    Identity user = Identity.userId("123");
    Conversation chat = analytics.startConversation(user, "1238041hdou");
    chatMessageIds.put(chat.messageSent("What's the best stock in the Nasdaq right now?"), "msg123");
    chatMessageIds.put(chat.messageReceived("Thank you for reaching out. How can I assist you today?"), "msg124");
    chat.actionInvoked("msg125", "Inventory Request", "check stock level");
    chat.mediaGenerated("msg126", "image", "gif");
    chat.componentLoaded("msg127", "Stock Price Chart");
    chat.feedback("msg128", 5);
    // A handle that has not seen every message leaves message_count out, as the example does.
    analytics.resumeConversation(user, "1238041hdou").end();
    analytics.identify(user);
    analytics.identify(Identity.anonymousId("768923ihuy32"));
    analytics.identify(Identity.of("123", "768923ihuy32"));
    analytics.resumeConversation(Identity.userId("user123"), "conv456").track("Item Purchased",
        ordered("messageId", "msg789", "itemId", "item101112", "itemName", "Super Widget",
            "itemPrice", 19.99, "currency", "USD"));
  }

  /** The valid vectors named in {@link #ALSO_PLAYED}. */
  private static void playOtherValidVectors(CopilotAnalytics analytics, Map<String, String> chatMessageIds) {
    Identity user = Identity.userId("u-42");
    Conversation chat = analytics.startConversation(user, CONV);
    chatMessageIds.put(chat.messageSent("And change my email?", ordered("locale", "en-GB", "attachments", 0)), "cm-2");
    for (String role : List.of("ai_agent", "human_agent", "task_automation_agent")) {
      chatMessageIds.put(chat.messageReceived("Here is a summary.", role), "cm-" + role);
    }
    chat.actionInvoked("cm-9", "Calendar", "create event", "ai_agent", Map.of());
    chat.mediaGenerated("cm-12", "audio", "wav", "agent", ordered("duration_s", 4.5));
    chat.componentLoaded("cm-15", "Product Carousel", ordered("items", 6));
    chat.feedback("cm-5", 0.75);
    chat.feedback(3.5, ordered("comment", "quick, but wordy"));
    analytics.startConversation(user, CONV).end();
    analytics.identify(user, ordered("plan", "pro", "seats", 3));
    analytics.resumeConversation(user, CONV).track("Support Requested", ordered("messageId", "cm-5", "priority", "high"));
    analytics.track(user, "Order Completed", ordered("orderId", "o-1", "revenue", 49.9, "currency", "EUR"));
  }

  private static JsonNode find(List<JsonNode> sent, ObjectNode example, Map<String, String> chatMessageIds)
      throws Exception {
    String bag = example.has("traits") ? "traits" : "properties";
    String expected = example.has(bag) ? TestCollector.JSON.writeValueAsString(example.get(bag)) : null;
    MessageType type = MessageType.of(example).orElseThrow();
    for (JsonNode message : sent) {
      if (MessageType.of(message).orElse(null) != type
          || !String.valueOf(message.get("event")).equals(String.valueOf(example.get("event")))
          || !String.valueOf(message.get("userId")).equals(String.valueOf(example.get("userId")))
          || !String.valueOf(message.get("anonymousId")).equals(String.valueOf(example.get("anonymousId")))) {
        continue;
      }
      String actual = message.has(bag) ? TestCollector.JSON.writeValueAsString(message.get(bag)) : null;
      if (actual != null) {
        for (Map.Entry<String, String> id : chatMessageIds.entrySet()) {
          actual = actual.replace(id.getKey(), id.getValue());
        }
      }
      if (Objects.equals(expected, actual)) {
        return message;
      }
    }
    return null;
  }

  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
