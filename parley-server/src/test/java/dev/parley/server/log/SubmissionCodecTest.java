package dev.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.ingest.Submission;
import dev.parley.server.ingest.Usage;
import dev.parley.spec.Violation;
import dev.parley.spec.ViolationCode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SubmissionCodecTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456789Z");

  @Provide
  Arbitrary<Submission> submissions() {
    Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(40)
        .map(s -> new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.StandardCharsets.UTF_8)) // as stored: no unpaired surrogates
        .injectNull(0.3);
    Arbitrary<Instant> time = Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
        .map(s -> T.plusSeconds(s).plusNanos(Math.floorMod(s, 1_000_000_000L))).injectNull(0.3);
    Arbitrary<Violation> violation = Combinators.combine(Arbitraries.strings().ofMinLength(1).ofMaxLength(10),
        Arbitraries.of(ViolationCode.values())).as((path, code) -> new Violation("E", path, code, "why " + path));
    Arbitrary<Long> tokens = Arbitraries.longs().greaterOrEqual(0).injectNull(0.3);
    Arbitrary<Usage> usage = Combinators.combine(text, tokens, tokens, Arbitraries.doubles().greaterOrEqual(0)
        .injectNull(0.3)).as(Usage::new).injectNull(0.4);
    Arbitrary<NormalisedEvent> event = Combinators.combine(text.list().ofSize(12), time.list().ofSize(3),
        Arbitraries.doubles().injectNull(0.5), Arbitraries.longs().injectNull(0.5), violation.list().ofMaxSize(3),
        usage)
        .as((t, times, rating, count, violations, used) -> new NormalisedEvent("src", "id-" + t.get(0), "track",
            t.get(1), t.get(2), t.get(3), t.get(4), t.get(5), t.get(6), t.get(7), t.get(8), t.get(9), t.get(10),
            t.get(11), rating, count, T, times.get(0), times.get(1), T.plusNanos(7), "{\"b\":" + t.size() + "}",
            violations, used));
    Arbitrary<RefusedMessage> refused = Combinators.combine(Arbitraries.integers().between(0, 2_500),
        violation.list().ofMinSize(1).ofMaxSize(3), text, text)
        .as((index, violations, user, anon) -> new RefusedMessage(index, "src", "r-" + index, "E", T, violations, user,
            anon));
    return Combinators.combine(event.list().ofMaxSize(5), refused.list().ofMaxSize(3)).as(Submission::new);
  }

  @Property(tries = 300)
  void whatIsEncodedDecodesEqual(@ForAll("submissions") Submission submission) {
    assertThat(SubmissionCodec.decode(SubmissionCodec.encode(submission))).isEqualTo(submission);
  }

  @Test
  void aRecordCutShortOrOfAnotherVersionIsRefusedNotMisread() {
    byte[] whole = SubmissionCodec.encode(new Submission(List.of(new NormalisedEvent("src", "m1", "track", "E", "u",
        null, null, "c", null, null, "hello", null, null, null, 4.5, 3L, T, null, null, T, "{}", List.of())),
        List.of()));
    for (int cut = 0; cut < whole.length; cut++) {
      byte[] shorter = Arrays.copyOf(whole, cut);
      assertThatThrownBy(() -> SubmissionCodec.decode(shorter)).as("cut at " + cut)
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] future = whole.clone();
    future[0] = 9;
    assertThatThrownBy(() -> SubmissionCodec.decode(future)).hasMessageContaining("version 9");
  }

  /** A log written before events had usage is still read, after an upgrade, as events without it. */
  @Test
  void aRecordOfVersionOneIsReadAsEventsWithoutUsage() {
    NormalisedEvent event = new NormalisedEvent("src", "m1", "track", "E", "u", null, null, "c", null, null, "hello",
        null, null, null, 4.5, 3L, T, null, null, T, "{}", List.of());
    byte[] current = SubmissionCodec.encode(new Submission(List.of(event), List.of()));
    // Version 1 is version 2 without the usage flag (the byte before the refused count).
    byte[] v1 = new byte[current.length - 1];
    System.arraycopy(current, 0, v1, 0, current.length - 5);
    System.arraycopy(current, current.length - 4, v1, current.length - 5, 4);
    v1[0] = 1;
    assertThat(current[current.length - 5]).as("no usage").isZero();

    assertThat(SubmissionCodec.decode(v1).events()).containsExactly(event);
  }

  /** A version-1 reply read after the upgrade gets the usage its body states, as stored events do. */
  @Test
  void aVersionOneReplyGetsTheUsageItsBodyStates() {
    NormalisedEvent reply = new NormalisedEvent("src", "r1", "track", "Message Received", "u", null, null, "c", "m",
        "agent", "hi", null, null, null, null, null, T, null, null, T,
        "{\"properties\":{\"model\":\"m-a\",\"input_tokens\":12,\"output_tokens\":3,\"cost\":\"free\"}}",
        List.of());
    byte[] current = SubmissionCodec.encode(new Submission(List.of(reply), List.of()));
    byte[] v1 = new byte[current.length - 1];
    System.arraycopy(current, 0, v1, 0, current.length - 5);
    System.arraycopy(current, current.length - 4, v1, current.length - 5, 4);
    v1[0] = 1;

    assertThat(SubmissionCodec.decode(v1).events()).singleElement()
        .satisfies(e -> assertThat(e.usage()).isEqualTo(new Usage("m-a", 12L, 3L, null)));
  }
}
