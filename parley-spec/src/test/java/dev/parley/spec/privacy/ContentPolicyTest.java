package dev.parley.spec.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.Validator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void hashWithoutKeyAndBadPathsAreRefused() {
    assertThatThrownBy(() -> ContentPolicy.builder(ContentMode.HASH).build())
        .hasMessageContaining("hash key");
    assertThatThrownBy(() -> ContentPolicy.builder(ContentMode.MASK).paths(List.of("properties.")))
        .hasMessageContaining("bad content path");
    assertThatThrownBy(() -> ContentMode.parse("scramble")).hasMessageContaining("keep, mask, hash or drop");
  }
}
