package dev.parley.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Validator validator = Validator.standard();

  private static ObjectNode track(String event, String propertiesJson) throws Exception {
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "track").put("userId", "u1").put("event", event);
    message.set("properties", JSON.readTree(propertiesJson));
    return message;
  }

  private List<String> codesAndPaths(ObjectNode message) {
    return validator.validate(message).stream().map(v -> v.code().wireName() + "@" + v.path()).toList();
  }

  @Test
  void aCleanMessageReturnsTheSharedEmptyList() throws Exception {
    ObjectNode message = track("Message Sent",
        "{\"conversationId\":\"c\",\"messageId\":\"m\",\"message_body\":\"hi\"}");
    assertThat(validator.validate(message)).isSameAs(List.of());
  }

  /** The usage extensions are checked where present and never hunted for: other spellings and top-level ones pass. */
  @Test
  void usageExtensionsAreCheckedByTypeOnlyWhenPresent() throws Exception {
    String reply = "\"conversationId\":\"c\",\"messageId\":\"m\",\"message_body\":\"hi\"";
    assertThat(codesAndPaths(track("Message Received", "{" + reply + ",\"model\":\"m-1\",\"input_tokens\":3,"
        + "\"output_tokens\":0,\"cost\":1.5E-4}"))).isEmpty();
    assertThat(codesAndPaths(track("Message Received", "{" + reply + ",\"inputTokens\":3,\"Model\":\"m\"}"))).isEmpty();
    ObjectNode topLevel = track("Message Received", "{" + reply + "}");
    topLevel.put("model", "m-1");
    assertThat(codesAndPaths(topLevel)).isEmpty();
    assertThat(codesAndPaths(track("Message Received", "{" + reply + ",\"cost\":1e999,\"output_tokens\":null}")))
        .containsExactly("invalid_value@properties.cost");
    assertThat(codesAndPaths(track("Message Sent", "{" + reply + ",\"cost\":\"free\"}")))
        .as("no extensions on Message Sent").isEmpty();
  }

  @Test
  void misnamedEventSuggestsTheSpecName() throws Exception {
    List<Violation> violations = validator.validate(track("Tool Invoked",
        "{\"conversationId\":\"c\",\"messageId\":\"m\",\"type\":\"t\",\"action\":\"a\"}"));
    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCode.UNKNOWN_EVENT_SIMILAR);
      assertThat(v.event()).isEqualTo("Tool Invoked");
      assertThat(v.message()).contains("Action Invoked");
    });
  }

  @ParameterizedTest
  @CsvSource({
      "Message Seen", "Signed Up", "Item Purchased", "Messages Sent Report", "Conversation", "Feedback"
  })
  void customEventsAreNotNearMisses(String event) throws Exception {
    assertThat(validator.validate(track(event, "{}"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "message sent, Message Sent",
      "MESSAGE_RECEIVED, Message Received",
      "Conversaton Started, Conversation Started",
      "Conversation-Ended, Conversation Ended",
      "Feedback Submited, Feedback Submitted",
      "Media Generatde, Media Generated",
      "Component Loaded!, Component Loaded",
      "custom_component_loaded, Component Loaded",
  })
  void nearMissEventsNameTheEventMeant(String sent, String meant) throws Exception {
    List<Violation> violations = validator.validate(track(sent, "{\"conversationId\":\"c\"}"));
    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCode.UNKNOWN_EVENT_SIMILAR);
      assertThat(v.path()).isEqualTo("event");
      assertThat(v.message()).contains("\"" + meant + "\"");
    });
  }

  @Test
  void misnamedConversationIdOnACustomEventIsFlagged() throws Exception {
    assertThat(codesAndPaths(track("Item Purchased", "{\"conversation_id\":\"c\",\"itemId\":\"i\"}")))
        .containsExactly("misnamed_property@properties.conversation_id");
  }

  @Test
  void aNearMissBesideTheRealPropertyIsJustAnExtension() throws Exception {
    assertThat(codesAndPaths(track("Conversation Started",
        "{\"conversationId\":\"c\",\"conversation_id\":\"c\"}"))).isEmpty();
  }

  @Test
  void oneEditMisspellingOfALongNameIsMisnamed() throws Exception {
    assertThat(codesAndPaths(track("Conversation Started", "{\"converstionId\":\"c\"}")))
        .containsExactlyInAnyOrder("misnamed_property@properties.converstionId",
            "missing_required@properties.conversationId");
  }

  @Test
  void shortNamesAreMatchedOnlyInNormalForm() throws Exception {
    // "typ" is one edit from "type", but "type" is shorter than 8 characters.
    assertThat(codesAndPaths(track("Component Loaded", "{\"conversationId\":\"c\",\"messageId\":\"m\",\"typ\":\"x\"}")))
        .containsExactly("missing_required@properties.type");
    assertThat(codesAndPaths(track("Component Loaded", "{\"conversationId\":\"c\",\"messageId\":\"m\",\"Type\":\"x\"}")))
        .containsExactlyInAnyOrder("misnamed_property@properties.Type", "missing_required@properties.type");
  }

  @Test
  void misplacedRequiredPropertyIsNotAlsoMissing() throws Exception {
    ObjectNode message = track("Conversation Started", "{}");
    message.put("conversationId", "c");
    assertThat(codesAndPaths(message)).containsExactly("misplaced_property@conversationId");
  }

  @Test
  void aTopLevelActionBesideTheTypeIsMisplaced() throws Exception {
    ObjectNode message = track("Action Invoked", "{\"conversationId\":\"c\",\"messageId\":\"m\",\"type\":\"t\"}");
    message.put("action", "check stock level");
    assertThat(codesAndPaths(message)).containsExactly("misplaced_property@action");
  }

  @Test
  void aTopLevelActionNamingTheTypeIsTheSpecsSynonym() throws Exception {
    ObjectNode message = track("Action Invoked",
        "{\"conversationId\":\"c\",\"messageId\":\"m\",\"type\":\"t\",\"action\":\"a\"}");
    message.remove("type");
    message.put("action", "track");
    assertThat(codesAndPaths(message)).isEmpty();
  }

  @Test
  void blankRequiredStringIsInvalid() throws Exception {
    assertThat(codesAndPaths(track("Message Sent",
        "{\"conversationId\":\"c\",\"messageId\":\"m\",\"message_body\":\"   \"}")))
        .containsExactly("invalid_value@properties.message_body");
  }

  @Test
  void wholeNumberWrittenAsDecimalIsAnInteger() throws Exception {
    assertThat(codesAndPaths(track("Conversation Ended", "{\"conversationId\":\"c\",\"message_count\":2.0}")))
        .isEmpty();
  }

  @Test
  void optionalPropertiesAreTypeChecked() throws Exception {
    assertThat(codesAndPaths(track("Message Sent",
        "{\"conversationId\":\"c\",\"messageId\":\"m\",\"message_body\":\"x\",\"role\":7}")))
        .containsExactly("wrong_type@properties.role");
    assertThat(codesAndPaths(track("Feedback Submitted", "{\"conversationId\":\"c\",\"rating\":3,\"messageId\":5}")))
        .containsExactly("wrong_type@properties.messageId");
  }

  @Test
  void actionIsASynonymOfType() throws Exception {
    ObjectNode message = JSON.createObjectNode();
    message.put("action", "identify").put("anonymousId", "a");
    assertThat(MessageType.of(message)).contains(MessageType.IDENTIFY);
    assertThat(validator.validate(message)).isEmpty();
  }

  @Test
  void identifyWithoutIdentityIsFlagged() {
    ObjectNode message = JSON.createObjectNode().put("type", "identify").put("userId", " ");
    assertThat(validator.validate(message)).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCode.MISSING_IDENTITY);
      assertThat(v.event()).isEqualTo("identify");
      assertThat(v.path()).isEqualTo("userId");
    });
  }

  @Test
  void propertiesThatAreNotAnObjectAreAWrongType() throws Exception {
    ObjectNode message = JSON.createObjectNode().put("type", "track").put("userId", "u").put("event", "Conversation Started");
    message.put("properties", "oops");
    assertThat(codesAndPaths(message))
        .containsExactlyInAnyOrder("wrong_type@properties", "missing_required@properties.conversationId");
  }

  @Test
  void trackWithoutEventNameIsFlagged() {
    ObjectNode message = JSON.createObjectNode().put("type", "track").put("userId", "u");
    assertThat(codesAndPaths(message)).containsExactly("missing_required@event");
  }
}
