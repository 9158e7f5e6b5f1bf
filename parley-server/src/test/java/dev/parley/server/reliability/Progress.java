package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** What the crash tests wait for and check: clients making progress, and ids stored exactly once. */
final class Progress {
  private Progress() {}

  /** Waits up to 60 s for {@code value} to reach {@code target}; fails when it does not. */
  static void waitFor(IntSupplier value, int target, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (value.getAsInt() < target && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(value.getAsInt()).as(what).isGreaterThanOrEqualTo(target);
  }

  /** Every acknowledged id is stored once, and no id is stored twice. */
  static void storedExactlyOnce(Map<String, Long> stored, Collection<String> acked) {
    assertThat(acked).allSatisfy(id -> assertThat(stored.get(id)).as("times %s is stored", id).isEqualTo(1L));
    assertThat(stored.values()).as("no messageId is stored twice").allMatch(n -> n == 1L);
  }
}
