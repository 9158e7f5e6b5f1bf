package dev.parley.sdk.internal;

import dev.parley.spec.SegmentLimits;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.Callback;
import dev.parley.sdk.support.FakeClock;
import dev.parley.sdk.support.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolWriterTest {
  private static final Duration GATHER = Duration.ofSeconds(5);
  private static final int CAPACITY = 10;

  private final FakeClock clock = new FakeClock();
  private Spool spool;
  private SpoolWriter writer;
  private Thread thread;

  @TempDir
  Path directory;

  @BeforeEach
  void open() throws Exception {
    spool = new Spool(directory, 5, SegmentLimits.MAX_BATCH_BYTES, clock.wallClock());
    writer = new SpoolWriter(spool, new Reporter(new Callback() {}), clock, CAPACITY, 5, GATHER);
    thread = new Thread(writer, "spool-writer-test");
  }

  @AfterEach
  void close() {
    if (thread.isAlive()) {
      writer.stop();
      assertThat(writer.finished()).succeedsWithin(Duration.ofSeconds(20));
    }
    spool.close();
  }

  @Test
  void aTrickleIsGatheredIntoOneFileUntilTheWindowClosesOnTheClock() throws Exception {
    thread.start();
    writer.offer(message(0));
    writer.offer(message(1));
    clock.awaitTimer(GATHER);
    writer.offer(message(2));
    clock.advance(GATHER);

    TestCollector.await(() -> spool.waiting() == 3, Duration.ofSeconds(20), "for the window's messages on disk");
    assertThat(spool.files()).hasSize(1);
  }

  @Test
  void aFullFileIsWrittenWithoutWaitingForTheWindow() throws Exception {
    thread.start();
    for (int i = 0; i < 5; i++) {
      assertThat(writer.offer(message(i))).isTrue();
    }

    TestCollector.await(() -> spool.waiting() == 5, Duration.ofSeconds(20), "for a full file without time passing");
    assertThat(spool.files()).hasSize(1);
  }

  @Test
  void syncEndsTheWindowAtOnce() {
    thread.start();
    writer.offer(message(0));
    writer.offer(message(1));

    assertThat(writer.sync()).succeedsWithin(Duration.ofSeconds(20));
    assertThat(spool.waiting()).isEqualTo(2);
  }

  @Test
  void offersBeyondTheCapacityAreRefusedWhileTheWriterIsBehind() {
    for (int i = 0; i < CAPACITY; i++) {
      assertThat(writer.offer(message(i))).isTrue();
    }
    assertThat(writer.offer(message(CAPACITY))).isFalse();
  }

  private static EncodedMessage message(int i) {
    return new EncodedMessage("m" + i, "track", "E",
        ("{\"type\":\"track\",\"messageId\":\"m" + i + "\",\"event\":\"E\"}").getBytes(UTF_8));
  }
}
