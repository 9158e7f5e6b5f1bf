package dev.parley.spec.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.Validator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContentPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] KEY = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);

  private static ObjectNode message(String body) throws Exception {
    return (ObjectNode) JSON.readTree("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Message Sent\","
        + "\"properties\":{\"conversationId\":\"c\",\"messageId\":\"m\",\"message_body\":" + JSON.writeValueAsString(body)
        + ",\"notes\":{\"a\":\"x@y.io\",\"b\":[\"call 415-555-0132\",3]}},"
        + "\"context\":{\"traits\":{\"email\":\"x@y.io\"}}}");
  }

  @Test
  void keepChangesNothing() throws Exception {
    ObjectNode m = message("jane@example.com");
    assertThat(ContentPolicy.keep().apply(m)).isZero();
    assertThat(m.at("/properties/message_body").asText()).isEqualTo("jane@example.com");
  }

  @Test
  void maskReplacesPiiInTheBodyOnly() throws Exception {
    ObjectNode m = message("I am jane@example.com, card 4111111111111111");
    assertThat(ContentPolicy.builder(ContentMode.MASK).build().apply(m)).isEqualTo(1);
    assertThat(m.at("/properties/message_body").asText()).isEqualTo("I am [EMAIL], card [CARD]");
    assertThat(m.at("/properties/notes/a").asText()).isEqualTo("x@y.io");
  }

  @Test
  void configuredPathsReachNestedObjectsAndArrays() throws Exception {
    ObjectNode m = message("hi");
    ContentPolicy policy = ContentPolicy.builder(ContentMode.MASK)
        .paths(List.of("properties.notes", "context.traits.email")).build();
    assertThat(policy.apply(m)).isEqualTo(3);
    assertThat(m.at("/properties/notes/a").asText()).isEqualTo("[EMAIL]");
    assertThat(m.at("/properties/notes/b/0").asText()).isEqualTo("call [PHONE]");
    assertThat(m.at("/properties/notes/b/1").asInt()).isEqualTo(3);
    assertThat(m.at("/context/traits/email").asText()).isEqualTo("[EMAIL]");
    assertThat(m.at("/properties/message_body").asText()).isEqualTo("hi");
  }

  @Test
  void hashIsKeyedAndStable() throws Exception {
    ContentPolicy policy = ContentPolicy.builder(ContentMode.HASH).hashKey(KEY).build();
    ObjectNode a = message("same text");
    ObjectNode b = message("same text");
    policy.apply(a);
    policy.apply(b);
    String hashed = a.at("/properties/message_body").asText();
    assertThat(hashed).startsWith(ContentHasher.PREFIX).hasSize(ContentHasher.PREFIX.length() + 64)
        .isEqualTo(b.at("/properties/message_body").asText());
    ContentPolicy other = ContentPolicy.builder(ContentMode.HASH).hashKey("another key of 16+ bytes".getBytes(StandardCharsets.UTF_8)).build();
    assertThat(other.treat("same text")).isNotEqualTo(hashed);
  }

  @Test
  void dropKeepsTheLengthAndStaysValid() throws Exception {
    ObjectNode m = message("secret text");
    ContentPolicy.builder(ContentMode.DROP).build().apply(m);
    assertThat(m.at("/properties/message_body").asText()).isEqualTo(ContentPolicy.DROPPED);
    assertThat(m.at("/properties/message_body_length").asInt()).isEqualTo(11);
    assertThat(Validator.standard().validate(m)).isEmpty();
  }

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
  }

  private static final String CARD = "4111111111111111";

  private static ContentPolicy policy(ContentMode mode) {
    return ContentPolicy.builder(mode).hashKey(KEY).build();
  }

  @ParameterizedTest
  @EnumSource(value = ContentMode.class, names = {"MASK", "HASH", "DROP"})
  void aNumericBodyIsContent(ContentMode mode) throws Exception {
    ObjectNode m = json("{'type':'track','event':'Message Sent','properties':{'message_body':" + CARD + "}}");
    assertThat(policy(mode).apply(m)).isEqualTo(1);
    assertThat(m.toString()).doesNotContain(CARD);
    JsonNode body = m.at("/properties/message_body");
    switch (mode) {
      case MASK -> assertThat(body.textValue()).isEqualTo("[CARD]");
      case HASH -> assertThat(body.textValue()).isEqualTo(policy(mode).treat(CARD));
      case DROP -> assertThat(m.at("/properties/message_body_length").asInt()).isEqualTo(16);
      default -> throw new AssertionError(mode);
    }
  }

  @Test
  void aNumberWithoutPersonalDataStaysANumberUnderMask() throws Exception {
    ObjectNode m = json("{'properties':{'message_body':42,'messageBody':4.111111111111111E15}}");
    assertThat(policy(ContentMode.MASK).apply(m)).isEqualTo(1);
    assertThat(m.at("/properties/message_body").isInt()).isTrue();
    assertThat(m.at("/properties/messageBody").textValue()).isEqualTo("[CARD]");
  }

  @ParameterizedTest
  @EnumSource(value = ContentMode.class, names = {"MASK", "HASH", "DROP"})
  void everySpellingTheValidatorReadsAsTheBodyIsContent(ContentMode mode) throws Exception {
    ObjectNode m = json("{'type':'track','userId':'u','event':'Message Sent','message_body':'top jane@example.com',"
        + "'properties':{'conversationId':'c','messageId':'m','message_body':'mine jane@example.com',"
        + "'messageBody':'camel jane@example.com','message_bdy':'typo jane@example.com','MessageBody':" + CARD + "}}");
    assertThat(policy(mode).apply(m)).isEqualTo(5);
    assertThat(m.toString()).doesNotContain("jane@example.com", CARD);
    if (mode == ContentMode.MASK) {
      assertThat(m.at("/message_body").textValue()).isEqualTo("top [EMAIL]");
      assertThat(m.at("/properties/message_bdy").textValue()).isEqualTo("typo [EMAIL]");
    } else if (mode == ContentMode.DROP) {
      assertThat(m.toString()).doesNotContain("top", "mine", "camel", "typo");
      assertThat(m.at("/properties/messageBody_length").asInt()).isEqualTo("camel jane@example.com".length());
    }
  }

  @Test
  void maskMasksTheKeysStringsAndNumbersOfAnObjectBody() throws Exception {
    ObjectNode m = json("{'properties':{'message_body':{'jane@example.com':'call 415-555-0132',"
        + "'bob@example.com':{'card':" + CARD + ",'list':['x@y.io'," + CARD + ",true]},'[EMAIL]':'kept','n':7}}}");
    assertThat(policy(ContentMode.MASK).apply(m)).isEqualTo(7);
    assertThat(m.at("/properties/message_body").toString()).isEqualTo("{\"[EMAIL]\":\"call [PHONE]\","
        + "\"[EMAIL]#2\":{\"card\":\"[CARD]\",\"list\":[\"[EMAIL]\",\"[CARD]\",true]},\"[EMAIL]#3\":\"kept\",\"n\":7}");
  }

  @ParameterizedTest
  @EnumSource(value = ContentMode.class, names = {"HASH", "DROP"})
  void hashAndDropTakeAnObjectOrArrayBodyWhole(ContentMode mode) throws Exception {
    ObjectNode m = json("{'properties':{'message_body':{'jane@example.com':[1,'secret']}},'messageBody':['secret']}");
    policy(mode).apply(m);
    assertThat(m.toString()).doesNotContain("jane", "secret");
    assertThat(m.at("/properties/message_body").isTextual()).isTrue();
    if (mode == ContentMode.HASH) {
      assertThat(m.at("/properties/message_body").textValue())
          .isEqualTo(policy(mode).treat("{\"jane@example.com\":[1,\"secret\"]}"));
    } else {
      assertThat(m.at("/messageBody_length").asInt()).isEqualTo("[\"secret\"]".length());
    }
  }

  @Test
  void aBodyAmongTheConfiguredPathsIsTreatedOnce() throws Exception {
    ObjectNode m = message("same text");
    ContentPolicy.builder(ContentMode.HASH).hashKey(KEY).paths(List.of("properties", "properties.message_body")).build()
        .apply(m);
    assertThat(m.at("/properties/message_body").textValue()).isEqualTo(policy(ContentMode.HASH).treat("same text"));
    assertThat(m.at("/properties/notes/a").textValue()).isEqualTo(policy(ContentMode.HASH).treat("x@y.io"));
  }

  @Test
  void configuredPathsTreatNumbersToo() throws Exception {
    ObjectNode m = json("{'context':{'traits':{'card':" + CARD + ",'age':42}}}");
    ContentPolicy policy = ContentPolicy.builder(ContentMode.DROP).paths(List.of("context.traits")).build();
    assertThat(policy.apply(m)).isEqualTo(2);
    assertThat(m.at("/context/traits/card").textValue()).isEqualTo(ContentPolicy.DROPPED);
    assertThat(m.at("/context/traits/card_length").asInt()).isEqualTo(16);
  }

  @Test
  void droppingTwiceKeepsTheFirstLength() throws Exception {
    ObjectNode m = message("secret text");
    ContentPolicy drop = ContentPolicy.builder(ContentMode.DROP).build();
    drop.apply(m);
    assertThat(drop.apply(m)).isZero();
    assertThat(m.at("/properties/message_body_length").asInt()).isEqualTo(11);
  }

  @Test
  void hashWithoutKeyAndBadPathsAreRefused() {
    assertThatThrownBy(() -> ContentPolicy.builder(ContentMode.HASH).build())
        .hasMessageContaining("hash key");
    assertThatThrownBy(() -> ContentPolicy.builder(ContentMode.MASK).paths(List.of("properties.")))
        .hasMessageContaining("bad content path");
    assertThatThrownBy(() -> ContentMode.parse("scramble")).hasMessageContaining("keep, mask, hash or drop");
  }
}
