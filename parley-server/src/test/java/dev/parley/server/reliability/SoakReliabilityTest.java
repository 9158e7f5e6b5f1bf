package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.AckingSender;
import dev.parley.server.testing.TestServer;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten minutes of mixed load on one collector (four senders of batches, a reader of the read
 * API and the analytics): the heap left after a full GC (less the dedupe filter, which grows
 * with the store by design) and the open file handles stay flat between the second minute
 * and the last. Only with {@code PARLEY_RELIABILITY=full};
 * {@code PARLEY_SOAK_MINUTES} (at least 2) shortens it.
 */
class SoakReliabilityTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void tenMinutesOfMixedLoadKeepHeapAndFileHandlesFlat() throws Exception {
    ReliabilityMode.assumeFull("The 10 minute soak");
    String minutes = System.getenv("PARLEY_SOAK_MINUTES");
    Duration length = Duration.ofMinutes(minutes == null ? 10 : Math.max(2, Long.parseLong(minutes)));
    List<long[]> samples = new ArrayList<>();
    // Acknowledged ids are counted, not kept: the heap measured is the collector's, in this JVM.
    AtomicLong acked = new AtomicLong();
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      int port = server.server().port();
      List<AckingSender> senders = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        senders.add(new AckingSender("soak" + i, () -> port, ids -> acked.addAndGet(ids.size())).start());
      }
      AtomicBoolean stop = new AtomicBoolean();
      List<String> readFailures = new ArrayList<>();
      Thread reader = new Thread(() -> read(server, stop, readFailures), "soak-reader");
      reader.start();
      long end = System.nanoTime() + length.toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(10_000);
        // The dedupe filter grows with the store by design (4-8 bytes per event): not a leak.
        samples.add(new long[] {System.nanoTime(), heapAfterGc() - dedupeFilterBytes(server), openFiles()});
      }
      stop.set(true);
      reader.join();
      for (AckingSender sender : senders) {
        sender.stopAndJoin();
        assertThat(sender.unexpected()).isEmpty();
      }
      assertThat(readFailures).isEmpty();
    }
    int perMinute = 6;
    long[] early = median(samples.subList(perMinute, 2 * perMinute));
    long[] late = median(samples.subList(samples.size() - perMinute, samples.size()));
    assertThat(acked.get()).isGreaterThan(1_000);
    Map<String, Long> stored = StoredIds.count(dir.resolve("data"));
    assertThat(stored.values()).as("no messageId stored twice").allMatch(n -> n == 1);
    // Each sender's ids are unique and every batch is resent until acknowledged, so the store
    // holds each acknowledged id, and at most the one batch per sender cut short by the stop.
    assertThat((long) stored.size()).isBetween(acked.get(), acked.get() + 4 * 20);
    assertThat(late[0]).as("heap after GC less the dedupe filter, bytes (second minute: %d)", early[0])
        .isLessThan(early[0] + (32L << 20));
    assertThat(late[1]).as("open files (second minute: %d)", early[1]).isLessThanOrEqualTo(early[1] + 16);
  }

  private static void read(TestServer server, AtomicBoolean stop, List<String> failures) {
    List<String> paths = List.of("/api/v1/summary", "/api/v1/conversations", "/api/v1/events?conversationId=c-soak0",
        "/api/v1/violations", "/metrics", "/api/v1/timeseries?metric=messages&interval=hour");
    int i = 0;
    while (!stop.get()) {
      String path = paths.get(i++ % paths.size());
      HttpResponse<String> response = server.getNow(path); // reads under load answer, loaded or not
      if (response.statusCode() != 200 && response.statusCode() != 400) {
        synchronized (failures) {
          failures.add(path + " " + response.statusCode() + " " + response.body());
        }
      }
    }
  }

  private static long[] median(List<long[]> samples) {
    long[] heap = samples.stream().mapToLong(s -> s[1]).sorted().toArray();
    long[] files = samples.stream().mapToLong(s -> s[2]).sorted().toArray();
    return new long[] {heap[heap.length / 2], files[files.length / 2]};
  }

  private static long dedupeFilterBytes(TestServer server) {
    return server.getNow("/metrics").body().lines().filter(l -> l.startsWith("parley_dedupe_filter_bytes "))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).findFirst()
        .orElseThrow(() -> new AssertionError("no parley_dedupe_filter_bytes in /metrics"));
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long openFiles() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }
}
