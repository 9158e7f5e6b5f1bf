package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.AckingSender;
import dev.parley.server.testing.ServeProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley serve} killed with SIGKILL at random moments while several clients send,
 * then restarted on the same data directory: every messageId it acknowledged with 200 is
 * stored, exactly once. 3 kills in the quick run, 20 with {@code PARLEY_RELIABILITY=full}.
 */
class CrashDurabilityReliabilityTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyAcknowledgedEventSurvivesKillNineExactlyOnce() throws Exception {
    Path data = dir.resolve("data");
    int kills = ReliabilityMode.pick(3, 20);
    Random random = new Random(42);
    ServeProcess server = ServeProcess.start(data, 0);
    int port = server.port();
    AtomicInteger currentPort = new AtomicInteger(port);
    Set<String> acked = AckingSender.newAckedSet();
    List<AckingSender> senders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      senders.add(new AckingSender("s" + i, currentPort::get, acked).start());
    }
    try {
      for (int kill = 0; kill < kills; kill++) {
        Progress.waitFor(acked::size, acked.size() + 50, "acknowledgements after a restart");
        Thread.sleep(random.nextInt(400));
        server.kill();
        server = ServeProcess.start(data, port);
      }
      Progress.waitFor(acked::size, acked.size() + 50, "acknowledgements after a restart");
    } finally {
      for (AckingSender sender : senders) {
        sender.stopAndJoin();
      }
      server.close();
    }

    Map<String, Long> stored = StoredIds.count(data);
    assertThat(acked).as("acknowledged events").hasSizeGreaterThan(kills * 50);
    Progress.storedExactlyOnce(stored, acked);
    for (AckingSender sender : senders) {
      assertThat(sender.unexpected()).as("answers other than 200 or 503").isEmpty();
    }
  }
}
