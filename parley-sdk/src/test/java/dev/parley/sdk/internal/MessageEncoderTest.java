package dev.parley.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageEncoderTest {
  private final MessageEncoder encoder =
      new MessageEncoder(Clock.fixed(Instant.parse("2026-11-20T10:00:00.123Z"), ZoneOffset.UTC));

  @Test
  void fastPathWritesTheSameBytesAsJacksonForEveryKindOfCharacter() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      Identity identity = switch (i % 3) {
        case 0 -> Identity.userId("u" + text(random));
        case 1 -> Identity.anonymousId("a" + text(random));
        default -> Identity.of("u" + text(random), "a" + text(random));
      };
      TypedProperties typed = TypedProperties.builder()
          .text("conversationId", text(random)).text("message_body", text(random))
          .number("n" + text(random), random.nextInt()).number("count", random.nextLong())
          .number("rating", (double) random.nextInt(11)).build();
      String event = "E" + text(random);
      assertSameBytes(identity, event, typed);
    }
  }

  @Test
  void fastPathMatchesJacksonWithoutPropertiesAndForIdentify() {
    assertSameBytes(Identity.userId("123"), "Signed Up", TypedProperties.none());
    byte[] direct = encoder.writeDirect(Identity.userId("123"), "e-1", "identify", null, "traits",
        TypedProperties.none());
    byte[] jackson = encoder.writeWithJackson(Identity.userId("123"), "e-1", "identify", null, "traits", Map.of(),
        TypedProperties.none());
    assertThat(new String(direct, StandardCharsets.UTF_8)).isEqualTo(new String(jackson, StandardCharsets.UTF_8));
  }

  @Test
  void fractionalNumbersAndExtraPropertiesStillGoThroughJackson() {
    EncodedMessage message = encoder.track(Identity.userId("123"), "Rated", Set.of(), Map.of("note", "é"),
        TypedProperties.builder().number("rating", 4.5).build());
    assertThat(new String(message.json(), StandardCharsets.UTF_8))
        .contains("\"properties\":{\"rating\":4.5,\"note\":\"é\"}");
  }

  @Test
  void typedPropertiesKeepTheirOrderAndWholeDecimalsBecomeIntegers() {
    EncodedMessage message = encoder.track(Identity.userId("123"), "Rated", Set.of(), Map.of(),
        TypedProperties.builder().text("b", "x").number("a", 5.0).number("c", 7L).number("d", -0.25).build());
    assertThat(new String(message.json(), StandardCharsets.UTF_8))
        .contains("\"properties\":{\"b\":\"x\",\"a\":5,\"c\":7,\"d\":-0.25}");
  }

  private void assertSameBytes(Identity identity, String event, TypedProperties typed) {
    byte[] direct = encoder.writeDirect(identity, "e-1", "track", event, "properties", typed);
    byte[] jackson = encoder.writeWithJackson(identity, "e-1", "track", event, "properties", Map.of(), typed);
    assertThat(new String(direct, StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(jackson, StandardCharsets.ISO_8859_1));
  }

  /** Up to 40 chars mixing ASCII, escapes, controls, DEL, Latin-1, BMP, pairs and lone surrogates. */
  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(9)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append("\"\\/\u007f".charAt(random.nextInt(4)));
        case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
        case 3 -> text.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
        case 4 -> text.append((char) (0xE000 + random.nextInt(0x2000)));
        case 5 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
        case 6 -> text.append((char) (0xD800 + random.nextInt(0x800)));
        default -> text.append((char) (0x20 + random.nextInt(0x5F)));
      }
    }
    return text.toString();
  }
}
