package dev.parley.server.store;

/**
 * What a test may change about compaction: a look at each of its steps (to stop a process
 * there, as a crash would). {@link #NONE} changes nothing.
 */
interface CompactionHooks {
  CompactionHooks NONE = new CompactionHooks() {};

  /** Called on the writer thread when compaction reaches {@code step}. */
  default void reached(CompactionStep step) {}
}
