package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.sdk.support.TestCollector;
import dev.parley.spec.Validator;
import dev.parley.spec.testing.Conformance;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Plays the spec's own examples (the shared conformance vectors) through the typed API and
 * compares what reaches the collector with each example: event, identity, and the
 * properties (or traits) byte for byte, names, values and order.
 */
class SpecExamplesTest {
  /** Examples that leave out something the SDK always sends (the default role, message_count). */
  private static final List<String> NOT_PLAYED = List.of("message-sent-default-role", "conversation-ended");

  @Test
  void sdkOutputForTheSpecExamplesMatchesTheConformanceVectors() throws Exception {
    Map<String, String> chatMessageIds = new HashMap<>();
    try (TestCollector collector = TestCollector.start()) {
      try (CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
          .flushAt(1).build()) {
        Identity user = Identity.userId("123");
        Conversation chat = analytics.startConversation(user, "1238041hdou");
        chatMessageIds.put(chat.messageSent("What's the best stock in the Nasdaq right now?"), "msg123");
        chatMessageIds.put(chat.messageReceived("Thank you for reaching out. How can I assist you today?"), "msg124");
        chatMessageIds.put(chat.messageReceived("Here is a summary.", "ai_agent"), "msg124b");
        chat.actionInvoked("msg125", "Inventory Request", "check stock level");
        chat.mediaGenerated("msg126", "image", "gif");
        chat.componentLoaded("msg127", "Stock Price Chart");
        chat.feedback("msg128", 5);
        chat.feedback(4.5);
        Conversation twoMessages = analytics.resumeConversation(user, "1238041hdou");
        Conversation counted = analytics.startConversation(user, "1238041hdou");
        chatMessageIds.put(counted.messageSent("hello", ordered("locale", "en-GB", "channel", "web")), "msg130");
        counted.messageReceived("hi");
        counted.end();
        analytics.identify(user, Map.of("plan", "pro"));
        analytics.identify(Identity.anonymousId("768923ihuy32"), Map.of());
        analytics.resumeConversation(Identity.userId("user123"), "conv456").track("Item Purchased",
            ordered("messageId", "msg789", "itemId", "item101112", "itemName", "Super Widget",
                "itemPrice", 19.99, "currency", "USD"));
        analytics.track(user, "Signed Up", Map.of("plan", "free"));
        assertThat(twoMessages.conversationId()).isEqualTo("1238041hdou");
      }
      List<JsonNode> sent = collector.delivered();
      assertThat(sent).allSatisfy(m -> assertThat(Validator.standard().validate(m)).isEmpty());

      int compared = 0;
      for (Conformance.ValidCase example : Conformance.valid()) {
        if (NOT_PLAYED.contains(example.name())) {
          continue;
        }
        JsonNode match = find(sent, example.message(), chatMessageIds);
        assertThat(match).as(example.name() + ": no message sent by the SDK matches " + example.message()).isNotNull();
        compared++;
      }
      assertThat(compared).isEqualTo(Conformance.valid().size() - NOT_PLAYED.size());
    }
  }

  private static JsonNode find(List<JsonNode> sent, ObjectNode example, Map<String, String> chatMessageIds)
      throws Exception {
    String bag = example.has("traits") ? "traits" : "properties";
    String expected = example.has(bag) ? TestCollector.JSON.writeValueAsString(example.get(bag)) : null;
    for (JsonNode message : sent) {
      if (!message.get("type").equals(example.get("type"))
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
