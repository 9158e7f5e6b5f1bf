package dev.parley.sdk.internal;

import dev.parley.spec.SegmentLimits;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path directory;

  @Test
  void writesFilesOfOneBatchEachAndReadsThemBackOldestFirst() throws Exception {
    Spool spool = new Spool(directory, 3, SegmentLimits.MAX_BATCH_BYTES, CLOCK);
    spool.write(messages(0, 7));
    spool.write(messages(7, 8));

    List<Path> files = spool.files();
    assertThat(files).hasSize(4);
    assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).startsWith("1795168800000-"));
    assertThat(spool.waiting()).isEqualTo(8);
    assertThat(files.stream().flatMap(f -> spool.read(f).stream()).map(EncodedMessage::eventId))
        .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
    spool.close();
    Spool reopened = new Spool(directory, 3, SegmentLimits.MAX_BATCH_BYTES, CLOCK);
    assertThat(reopened.waiting()).isEqualTo(8);
    reopened.close();
  }

  @Test
  void rewriteAndDeleteKeepTheCountRight() throws Exception {
    Spool spool = new Spool(directory, 10, SegmentLimits.MAX_BATCH_BYTES, CLOCK);
    spool.write(messages(0, 4));
    Path file = spool.files().get(0);
    spool.rewrite(file, messages(2, 4), 4);
    assertThat(spool.waiting()).isEqualTo(2);
    assertThat(spool.read(file)).extracting(EncodedMessage::eventId).containsExactly("m2", "m3");
    spool.delete(file, 2);
    assertThat(spool.waiting()).isZero();
    assertThat(spool.files()).isEmpty();
    spool.close();
  }

  @Test
  void damagedLinesAreSkipped() throws Exception {
    Files.writeString(directory.resolve("0000000000001-000001.spool"),
        "{\"type\":\"track\",\"messageId\":\"ok\"}\n[1,2]\n{\"messageId\":\"no type\"}\n{\"type\":\"tr", UTF_8);
    Spool spool = new Spool(directory, 10, SegmentLimits.MAX_BATCH_BYTES, CLOCK);
    assertThat(spool.waiting()).isEqualTo(1);
    assertThat(spool.read(spool.files().get(0))).extracting(EncodedMessage::eventId).containsExactly("ok");
    spool.close();
  }

  @Test
  void aDirectoryServesOneClientAtATime() throws Exception {
    Spool first = new Spool(directory, 10, SegmentLimits.MAX_BATCH_BYTES, CLOCK);
    assertThatThrownBy(() -> new Spool(directory, 10, SegmentLimits.MAX_BATCH_BYTES, CLOCK))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
    first.close();
    new Spool(directory, 10, SegmentLimits.MAX_BATCH_BYTES, CLOCK).close();
  }

  private static List<EncodedMessage> messages(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> new EncodedMessage("m" + i, "track", "E",
        ("{\"type\":\"track\",\"messageId\":\"m" + i + "\",\"event\":\"E\"}").getBytes(UTF_8))).toList();
  }
}
