package dev.parley.server.store;

import java.time.Duration;

/**
 * What a test may change about compaction: how long it waits for open reads, and a look at
 * each of its steps (to stop a process there, as a crash would). {@link #NONE} changes nothing.
 */
interface CompactionHooks {
  CompactionHooks NONE = new CompactionHooks() {};

  /** How long compaction waits for reads already running before it ends them. */
  default Duration readerPatience() {
    return Duration.ofSeconds(10);
  }

  /** Called on the writer thread when compaction reaches {@code step}. */
  default void reached(CompactionStep step) {}
}
