package dev.parley.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void acceptsEveryWellFormedSequenceLength() {
    String text = "plain, caf\u00e9, \u20ac 5, \u4e2d\u6587, \uD83D\uDE00, \uFFFD, \uDBFF\uDFFF";
    assertThat(Utf8.firstMalformed(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    assertThat(Utf8.firstMalformed(new byte[0])).isEqualTo(-1);
  }

  @Test
  void findsOverlongFormsSurrogatesAndCodePointsPastTheEnd() {
    assertThat(Utf8.firstMalformed(bytes(0x61, 0xC0, 0xAF))).isEqualTo(1);
    assertThat(Utf8.firstMalformed(bytes(0xE0, 0x80, 0xAF))).isZero();
    assertThat(Utf8.firstMalformed(bytes(0xF0, 0x80, 0x80, 0xAF))).isZero();
    assertThat(Utf8.firstMalformed(bytes(0xED, 0xA0, 0x80))).isZero();
    assertThat(Utf8.firstMalformed(bytes(0xF4, 0x90, 0x80, 0x80))).isZero();
    assertThat(Utf8.firstMalformed(bytes(0xF5, 0x80, 0x80, 0x80))).isZero();
  }

  @Test
  void findsStrayAndMissingContinuationBytes() {
    assertThat(Utf8.firstMalformed(bytes(0x61, 0x80))).isEqualTo(1);
    assertThat(Utf8.firstMalformed(bytes(0x61, 0xE2, 0x82))).isEqualTo(1);
    assertThat(Utf8.firstMalformed(bytes(0xC3, 0x28))).isZero();
  }

  @Test
  void findsEscapedSurrogatesThatAreNotHalfOfAPair() {
    assertThat(unpaired("\"\\ud83d\\ude00 \\u00e9 \\n \\\\ud800\"")).as("a pair, others, an escaped backslash").isEqualTo(-1);
    assertThat(unpaired("\"ab\\udbff\"")).isEqualTo(3);
    assertThat(unpaired("\"\\uDBFF\\u0041\"")).as("high, then not a low").isEqualTo(1);
    assertThat(unpaired("\"\\ude00\"")).as("a low alone").isEqualTo(1);
    assertThat(unpaired("\"\\ude00\\ud83d\"")).as("the halves reversed").isEqualTo(1);
    assertThat(unpaired("\"\\ud83d\"")).as("high at the end").isEqualTo(1);
    assertThat(unpaired("\"\\ud83d\\ude0")).as("a cut low").isEqualTo(1);
    assertThat(unpaired("\\u12")).as("a cut escape is the parser's to refuse").isEqualTo(-1);
  }

  private static int unpaired(String json) {
    return Utf8.firstUnpairedSurrogateEscape(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
