package dev.parley.server.store;

import dev.parley.server.ingest.Submission;
import java.util.List;

/**
 * Durable storage of events and violations. The seam between ingest and a database:
 * DuckDB today ({@link DuckDbStore}), PostgreSQL later.
 *
 * <p>{@link #commit}, {@link #load} and the maintenance methods are called by one thread
 * only (the loader, which owns the write connection); readers use {@link #readConnections()}
 * from any thread.
 */
public interface EventStore extends AutoCloseable {
  /**
   * Stores every submission in one transaction: each event whose (source, messageId) is not
   * stored yet, with its violations, and the violations of refused messages. Exact dedupe:
   * a messageId already stored for its source, or repeated within the group, is skipped.
   *
   * @throws StoreException when nothing was committed
   */
  CommitResult commit(List<Submission> submissions);

  /**
   * The bulk load of the ingest log: stores the submissions as {@link #commit} does and records
   * {@code logPosition} (where the log's next unloaded record starts) in the same transaction,
   * so that each record is loaded exactly once across crashes.
   *
   * @throws StoreException when nothing was committed (the position is unchanged)
   */
  CommitResult load(List<Submission> submissions, long logPosition);

  /** The log position recorded by the last {@link #load} (0 for a new store). */
  long logPosition();

  /**
   * Deletes every event and violation of the user and of every id linked to them, transitively
   * (userId and anonymousId of any event, userId and previousId of an alias), adds them all to
   * the suppression list, commits, then compacts the store so the deleted text is gone from its
   * files. Called by the writer thread only.
   *
   * @throws StoreException when nothing was deleted
   */
  default Erasure erase(String userId, java.time.Instant at) {
    throw new UnsupportedOperationException("this store cannot erase");
  }

  /**
   * Deletes up to {@code maxEvents} of the events received before {@code cutoff} (and their
   * violations) and commits: retention works in slices, so the loader is never held for long.
   * Called by the loader thread only.
   *
   * @return how many events were deleted; fewer than {@code maxEvents} once none older are left
   */
  default long deleteBefore(java.time.Instant cutoff, int maxEvents) {
    throw new UnsupportedOperationException("this store cannot delete");
  }

  /**
   * Rewrites the store when enough of what it held was deleted that the dead rows are worth
   * reclaiming (their bytes stay in freed blocks until then). Called by the loader thread only.
   *
   * @return whether it rewrote the store
   */
  default boolean compactIfSparse() {
    return false;
  }

  /**
   * Folds up to {@code maxEvents} of the events stored since the last fold into the
   * conversation facts ({@link ConversationFacts}) and commits. Called by the writer thread
   * only, between commits.
   *
   * @return how many events were folded
   */
  default long fold(int maxEvents) {
    return 0;
  }

  /** Events stored but not folded into the conversation facts yet (any thread). */
  default long unfolded() {
    return 0;
  }

  /** Connections for readers; each caller closes its own. */
  ReadConnections readConnections();

  /** Commits what is pending and releases the database. */
  @Override
  void close();

  /** What one commit did. */
  record CommitResult(int stored, int duplicates) {}
}
