package dev.parley.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ingest.SinkUnavailableException;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.testing.Submissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  private FileLog open(FileLog.Settings settings) throws IOException {
    return FileLog.open(dir, 0, settings, CLOCK, new Metrics());
  }

  private static List<String> ids(List<LogRecord> records) {
    List<String> ids = new ArrayList<>();
    for (LogRecord record : records) {
      SubmissionCodec.decode(record.payload()).events().forEach(e -> ids.add(e.messageId()));
    }
    return ids;
  }

  private static List<LogRecord> readAll(IngestLog log) throws IOException {
    List<LogRecord> all = new ArrayList<>();
    long at = log.start();
    while (true) {
      List<LogRecord> records = log.read(at, 1 << 20);
      if (records.isEmpty()) {
        return all;
      }
      all.addAll(records);
      at = records.get(records.size() - 1).next();
    }
  }

  @Test
  void whatWasAcknowledgedReadsBackInOrderWithItsPositionsAfterAReopen() throws Exception {
    try (FileLog log = open(FileLog.Settings.defaults())) {
      for (int i = 0; i < 50; i++) {
        log.submit(Submissions.of("m" + i, "n" + i)).get(10, TimeUnit.SECONDS);
      }
      assertThat(log.end()).isEqualTo(log.bytes());
    }
    try (FileLog log = open(FileLog.Settings.defaults())) {
      List<LogRecord> records = readAll(log);
      assertThat(records).hasSize(50);
      assertThat(ids(records)).startsWith("m0", "n0", "m1").endsWith("m49", "n49").hasSize(100);
      assertThat(records.get(0).position()).isZero();
      for (int i = 1; i < records.size(); i++) {
        assertThat(records.get(i).position()).isEqualTo(records.get(i - 1).next());
      }
      assertThat(records).allSatisfy(r -> assertThat(r.events()).isEqualTo(2))
          .allSatisfy(r -> assertThat(r.appendedAtMillis()).isEqualTo(CLOCK.millis()));
      log.submit(Submissions.of("after")).get(10, TimeUnit.SECONDS);
      assertThat(ids(readAll(log))).endsWith("after");
    }
  }

  @Test
  void appendsWaitingDuringOneFsyncShareTheNext() throws Exception {
    Metrics metrics = new Metrics();
    try (FileLog log = FileLog.open(dir, 0, FileLog.Settings.defaults(), CLOCK, metrics)) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        acks.add(log.submit(Submissions.of("g" + i)));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      long groups = fsyncs(metrics);
      assertThat(groups).as("fsyncs for 2,000 appends queued at once").isPositive().isLessThan(2_000);
    }
  }

  private static long fsyncs(Metrics metrics) {
    for (String line : metrics.render().split("\n")) {
      if (line.startsWith("parley_log_fsync_seconds_count")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  @Test
  void segmentsRollAtTheirSizeAndTrimRemovesOnlyWhatLiesWhollyBeforeThePosition() throws Exception {
    try (FileLog log = open(FileLog.Settings.defaults().withSegmentBytes(1_000))) {
      for (int i = 0; i < 40; i++) {
        log.submit(Submissions.of("r" + i)).get(10, TimeUnit.SECONDS);
      }
      assertThat(segmentFiles()).hasSizeGreaterThan(3);
      List<LogRecord> records = readAll(log);
      assertThat(ids(records)).hasSize(40);

      long middle = records.get(20).position();
      log.trim(middle);

      List<LogRecord> kept = readAll(log);
      assertThat(kept.get(0).position()).isLessThanOrEqualTo(middle);
      assertThat(ids(kept)).endsWith("r39").contains("r20");
      assertThat(log.start()).isEqualTo(kept.get(0).position());

      log.trim(log.end());
      assertThat(segmentFiles()).as("the active segment stays").hasSize(1);
      assertThat(log.read(log.end(), 1 << 20)).isEmpty();
    }
  }

  @Test
  void rollClosesTheSegmentAfterEverythingAppendedBeforeIt() throws Exception {
    try (FileLog log = open(FileLog.Settings.defaults())) {
      log.submit(Submissions.of("before")).get(10, TimeUnit.SECONDS);
      long rolled = log.roll().get(10, TimeUnit.SECONDS);
      log.submit(Submissions.of("after")).get(10, TimeUnit.SECONDS);

      assertThat(rolled).isEqualTo(readAll(log).get(1).position());
      log.trim(rolled);
      assertThat(ids(readAll(log))).containsExactly("after");
      assertThat(segmentFiles()).hasSize(1);
    }
  }

  @Test
  void pastItsSizeLimitTheLogRefusesAppendsWithRetryAfterAndTakesThemAgainOnceTrimmed() throws Exception {
    long limit = 3_000;
    try (FileLog log = open(FileLog.Settings.defaults().withMaxBytes(limit))) {
      int acknowledged = 0;
      Throwable refused = null;
      while (refused == null) {
        try {
          log.submit(Submissions.of("f" + acknowledged)).get(10, TimeUnit.SECONDS);
          acknowledged++;
        } catch (ExecutionException e) {
          refused = e.getCause();
        }
      }
      assertThat(refused).isInstanceOf(SinkUnavailableException.class).hasMessageContaining("full");
      assertThat(((SinkUnavailableException) refused).retryAfterSeconds()).isPositive();
      assertThat(log.bytes()).isLessThanOrEqualTo(limit);
      assertThat(ids(readAll(log))).hasSize(acknowledged);

      log.roll().get(10, TimeUnit.SECONDS);
      log.trim(log.end());
      log.submit(Submissions.of("again")).get(10, TimeUnit.SECONDS);
      assertThat(ids(readAll(log))).containsExactly("again");
    }
  }

  @Test
  void aClosedLogRefusesAppendsAndRolls() throws Exception {
    FileLog log = open(FileLog.Settings.defaults());
    log.close();
    assertThatThrownBy(() -> log.submit(Submissions.of("late")).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SinkUnavailableException.class);
    assertThatThrownBy(() -> log.roll().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SinkUnavailableException.class);
  }

  @Test
  void aNewLogStartsAtTheStoresPosition() throws Exception {
    try (FileLog log = FileLog.open(dir, 12_345, FileLog.Settings.defaults(), CLOCK, new Metrics())) {
      assertThat(log.start()).isEqualTo(12_345);
      log.submit(Submissions.of("x")).get(10, TimeUnit.SECONDS);
      assertThat(readAll(log).get(0).position()).isEqualTo(12_345);
    }
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(FileLog.DIR))) {
      return files.sorted().toList();
    }
  }
}
