package dev.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.metrics.Metrics;
import dev.parley.server.testing.Submissions;
import dev.parley.server.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash can leave the log's last record torn or damaged: at open the log keeps every whole
 * record before it, cuts the rest, and says so in its log; never a half record.
 */
class LogTailTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  /** A log of three records; returns the segment's bytes and where the last record starts. */
  private byte[] threeRecords(Path data) throws Exception {
    try (FileLog log = FileLog.open(data, 0, FileLog.Settings.defaults(), CLOCK, new Metrics())) {
      for (String id : List.of("a", "b", "c")) {
        log.submit(Submissions.of(id)).get(10, TimeUnit.SECONDS);
      }
    }
    return Files.readAllBytes(segment(data));
  }

  private static Path segment(Path data) throws Exception {
    try (var files = Files.list(data.resolve(FileLog.DIR))) {
      return files.findFirst().orElseThrow();
    }
  }

  private static List<String> reopenAndRead(Path data) throws Exception {
    try (FileLog log = FileLog.open(data, 0, FileLog.Settings.defaults(), CLOCK, new Metrics())) {
      List<String> ids = new ArrayList<>();
      for (LogRecord record : log.read(log.start(), 1 << 20)) {
        SubmissionCodec.decode(record.payload()).events().forEach(e -> ids.add(e.messageId()));
      }
      log.submit(Submissions.of("next")).get(10, TimeUnit.SECONDS);
      return ids;
    }
  }

  @Test
  void aTailCutAtEveryByteOfTheLastRecordKeepsTheWholeRecordsBeforeIt() throws Exception {
    byte[] whole = threeRecords(dir.resolve("whole"));
    int lastStart = lastRecordStart(whole);
    for (int cut = lastStart; cut < whole.length; cut++) {
      Path data = dir.resolve("cut-" + cut);
      Files.createDirectories(data.resolve(FileLog.DIR));
      Files.write(data.resolve(FileLog.DIR).resolve(segment(dir.resolve("whole")).getFileName()),
          Arrays.copyOf(whole, cut));
      try (LogCapture logs = new LogCapture()) {
        assertThat(reopenAndRead(data)).as("cut at byte " + cut).containsExactly("a", "b");
        if (cut > lastStart) {
          assertThat(logs.text()).as("cut at byte " + cut).contains("cut " + (cut - lastStart) + " bytes");
        }
      }
    }
  }

  @Test
  void aChangedByteAnywhereInTheLastRecordCutsThatRecordOnly() throws Exception {
    byte[] whole = threeRecords(dir.resolve("whole"));
    int lastStart = lastRecordStart(whole);
    for (int at = lastStart; at < whole.length; at++) {
      Path data = dir.resolve("flip-" + at);
      Files.createDirectories(data.resolve(FileLog.DIR));
      byte[] damaged = whole.clone();
      damaged[at] ^= 0x5A;
      Files.write(data.resolve(FileLog.DIR).resolve(segment(dir.resolve("whole")).getFileName()), damaged);
      try (LogCapture logs = new LogCapture()) {
        assertThat(reopenAndRead(data)).as("byte " + at + " changed").containsExactly("a", "b");
        assertThat(logs.text()).as("byte " + at).contains("cut ").contains("bytes after its last whole record");
      }
    }
  }

  /** Walks the record headers: the last record's first byte. */
  private static int lastRecordStart(byte[] segment) {
    int at = 0;
    int last = 0;
    while (at < segment.length) {
      last = at;
      int length = ((segment[at] & 0xff) << 24) | ((segment[at + 1] & 0xff) << 16) | ((segment[at + 2] & 0xff) << 8)
          | (segment[at + 3] & 0xff);
      at += Segment.HEADER + length;
    }
    return last;
  }
}
