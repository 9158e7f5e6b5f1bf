package dev.parley.server.store;

/** The steps of a compaction, in order, as {@link CompactionHooks} sees them. */
enum CompactionStep {
  /** The delete that owes the compaction is committed; nothing is copied yet. */
  DELETED,
  /** The new file is attached and empty: the copy is about to start. */
  COPYING,
  /** The new file holds the whole copy and is detached; the old file is still in place. */
  COPIED,
  /** The new file has been moved over the old one; the store is not reopened yet. */
  SWAPPED
}
