package dev.parley.server.store;

import static dev.parley.server.store.StoredKeyFilter.storedForm;

import dev.parley.server.ingest.NormalisedEvent;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.ingest.Submission;
import dev.parley.spec.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DuckDB store: {@code <data dir>/parley.duckdb} with the tables of
 * {@code duckdb-schema.sql}. Rows go in through DuckDB's Appender inside one transaction
 * per commit.
 *
 * <p>The write connection belongs to the thread that calls {@link #commit} (the writer);
 * readers get connections of their own, duplicated from a connection kept for that purpose.
 * Writes and {@link #close} hold the store's lock, so a close never saves the dedupe filter
 * in the middle of a commit.
 */
public final class DuckDbStore implements EventStore {
  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "parley.duckdb";
  private static final Logger log = LoggerFactory.getLogger(DuckDbStore.class);

  private final Path file;
  private final DuckDbConnections connections;
  private final CompactionHooks hooks;
  private volatile long nextSeq;
  /** The last seq folded into the conversation facts. */
  private volatile long foldedThrough;
  /** The ingest log's position the store has loaded through. */
  private volatile long logPosition;
  /** Every stored (source, messageId), as a Bloom filter: only its possible hits are looked up. */
  private final StoredKeyFilter storedKeys;

  private DuckDbStore(DuckDbConnections connections, CompactionHooks hooks, long nextSeq, StoredKeyFilter storedKeys,
      long foldedThrough) {
    this.foldedThrough = foldedThrough;
    this.file = connections.file();
    this.connections = connections;
    this.hooks = hooks;
    this.nextSeq = nextSeq;
    this.storedKeys = storedKeys;
  }

  /**
   * Opens (and creates, when absent) the store of a data directory.
   *
   * @throws StoreException when the file cannot be opened, for instance because another
   *     process (a running {@code parley serve}) holds it
   */
  public static DuckDbStore open(Path dataDir) {
    return open(dataDir, Optional.empty());
  }

  /**
   * Opens (and creates, when absent) the store of a data directory, with DuckDB's memory
   * limit set when one is given (such as {@code 512MB}).
   *
   * @throws StoreException when the file cannot be opened, for instance because another
   *     process (a running {@code parley serve}) holds it
   */
  public static DuckDbStore open(Path dataDir, Optional<String> memoryLimit) {
    return open(dataDir, memoryLimit, CompactionHooks.NONE);
  }

  /** {@link #open(Path, Optional)} with hooks into compaction, for tests. */
  static DuckDbStore open(Path dataDir, Optional<String> memoryLimit, CompactionHooks hooks) {
    try {
      OwnerOnly.directory(dataDir);
      Path file = dataDir.resolve(FILE_NAME);
      DuckDbCompaction.removeLeftovers(file);
      DuckDbConnections connections = DuckDbConnections.open(file, memoryLimit, hooks.readerPatience());
      OwnerOnly.file(file);
      DuckDBConnection writer = connections.writer();
      try (Statement st = writer.createStatement()) {
        DuckDbSchema.apply(writer);
        long next;
        // Seqs never go back, not even below folded seqs whose events were deleted since.
        try (ResultSet rs = st.executeQuery("SELECT greatest(coalesce(max(seq), 0),"
            + " (SELECT max(through_seq) FROM conversation_facts_state)) + 1 FROM events")) {
          rs.next();
          next = rs.getLong(1);
        }
        StoredKeyFilter storedKeys = KeyFilterFile.loadOrRead(file, writer);
        long folded = ConversationFacts.throughSeq(writer);
        long position;
        try (ResultSet rs = st.executeQuery("SELECT max(position) FROM log_position")) {
          rs.next();
          position = rs.getLong(1);
        }
        connections.prepare();
        DuckDbStore store = new DuckDbStore(connections, hooks, next, storedKeys, folded);
        store.logPosition = position;
        store.compactOwedAtOpen();
        return store;
      } catch (SQLException | RuntimeException e) {
        connections.close(w -> { });
        throw e;
      }
    } catch (SQLException e) {
      String hint = String.valueOf(e.getMessage()).contains("lock")
          ? " (another process holds it: is parley serve running on this data directory?)" : "";
      throw new StoreException("cannot open the store in " + dataDir + hint + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CommitResult commit(List<Submission> submissions) {
    return write(submissions, -1);
  }

  @Override
  public CommitResult load(List<Submission> submissions, long logPosition) {
    if (logPosition < 0) {
      throw new IllegalArgumentException("logPosition < 0: " + logPosition);
    }
    return write(submissions, logPosition);
  }

  @Override
  public long logPosition() {
    return logPosition;
  }

  /** Stores the submissions and, when {@code position >= 0}, the log position, in one transaction. */
  private synchronized CommitResult write(List<Submission> submissions, long position) {
    Map<String, NormalisedEvent> unique = new LinkedHashMap<>();
    Map<String, RefusedMessage> uniqueRefused = new LinkedHashMap<>();
    int repeated = 0;
    for (Submission submission : submissions) {
      for (NormalisedEvent event : submission.events()) {
        if (unique.putIfAbsent(KeyLookup.key(event.source(), event.messageId()), event) != null) {
          repeated++;
        }
      }
      for (RefusedMessage refused : submission.refused()) {
        uniqueRefused.putIfAbsent(KeyLookup.key(refused.source(), refused.messageId()), refused);
      }
    }
    long firstSeq = nextSeq;
    try {
      Set<String> stored = KeyLookup.existing(connections.writer(), KeyLookup.maybeStored(storedKeys, unique), KeyLookup.STORED);
      Set<String> refusedBefore = KeyLookup.existing(connections.writer(), uniqueRefused.keySet(), KeyLookup.REFUSED);
      int written = 0;
      try (DuckDBAppender events = connections.writer().createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events");
          DuckDBAppender violations = connections.writer().createAppender(DuckDBConnection.DEFAULT_SCHEMA, "violations")) {
        long seq = nextSeq;
        for (Map.Entry<String, NormalisedEvent> entry : unique.entrySet()) {
          if (stored.contains(entry.getKey())) {
            continue;
          }
          NormalisedEvent event = entry.getValue();
          Rows.appendEvent(events, seq, event);
          for (Violation v : event.violations()) {
            Rows.appendViolation(violations, seq, event.source(), event.messageId(), v, event.receivedAt(), false,
                event.userId(), event.anonymousId());
          }
          seq++;
          written++;
        }
        for (Map.Entry<String, RefusedMessage> entry : uniqueRefused.entrySet()) {
          if (refusedBefore.contains(entry.getKey())) {
            continue; // a retry of a refused message: its violations are recorded once
          }
          RefusedMessage refused = entry.getValue();
          for (Violation v : refused.violations()) {
            Rows.appendViolation(violations, null, refused.source(), refused.messageId(), v, refused.receivedAt(), true,
                refused.userId(), refused.anonymousId());
          }
        }
        events.flush();
        violations.flush();
        nextSeq = seq;
      }
      // Remembered before the commit: after a rollback an extra key only costs a lookup,
      // while a committed key missing from the filter would let its repeat in.
      for (Map.Entry<String, NormalisedEvent> entry : unique.entrySet()) {
        if (!stored.contains(entry.getKey())) {
          NormalisedEvent event = entry.getValue();
          storedKeys.add(storedForm(event.source()), storedForm(event.messageId()));
        }
      }
      if (position >= 0) {
        try (PreparedStatement st = connections.writer().prepareStatement("UPDATE log_position SET position = ?")) {
          st.setLong(1, position);
          st.executeUpdate();
        }
      }
      connections.writer().commit();
      if (position >= 0) {
        logPosition = position;
      }
      return new CommitResult(written, repeated + stored.size());
    } catch (SQLException | RuntimeException e) {
      nextSeq = firstSeq;
      try {
        connections.writer().rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("commit failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long fold(int maxEvents) {
    long before = foldedThrough;
    try {
      long through = ConversationFacts.fold(connections.writer(), nextSeq - 1, maxEvents);
      connections.writer().commit();
      foldedThrough = through;
      return through - before;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      throw new StoreException("folding the conversation facts failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long unfolded() {
    return Math.max(0, nextSeq - 1 - foldedThrough);
  }

  /**
   * Writes tables derived from the events (topics) in one transaction of the write connection,
   * between the loader's writes; commits, or rolls back and throws {@link StoreException}.
   */
  public synchronized <T> T writeDerived(DerivedWrite<T> work) {
    try {
      T result = work.apply(connections.writer());
      connections.writer().commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      throw new StoreException("writing derived tables failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Erasure erase(String userId, Instant at) {
    Erasure erasure;
    try {
      erasure = ErasureSql.eraseUser(connections.writer(), userId, at);
      connections.writer().commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new StoreException("erasure failed: " + e.getMessage(), e);
    }
    hooks.reached(CompactionStep.DELETED);
    compactIfOwed();
    return erasure;
  }

  @Override
  public synchronized long deleteBefore(Instant cutoff, int maxEvents) {
    long deleted;
    try {
      deleted = ErasureSql.deleteBefore(connections.writer(), cutoff, maxEvents);
      connections.writer().commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new StoreException("retention delete failed: " + e.getMessage(), e);
    }
    hooks.reached(CompactionStep.DELETED);
    return deleted;
  }

  @Override
  public synchronized boolean compactIfSparse() {
    return compactIfOwed();
  }

  /**
   * Pays the compaction that a process stopped before its rewrite (or whose rewrite failed)
   * left owed, before the store is used. A failure is logged, not thrown: the store works, and
   * the next erasure, retention sweep or open tries again.
   */
  private void compactOwedAtOpen() {
    try {
      compactIfOwed();
    } catch (StoreException e) {
      log.error("the compaction this store owes failed at open (deleted rows stay in its file's free blocks until"
          + " the next erasure, retention sweep or start rewrites it)", e);
    }
  }

  /**
   * Rewrites the file when its {@link CompactionDebt} is due: after an erasure deleted rows, or
   * once enough of its events were deleted by retention.
   */
  private boolean compactIfOwed() {
    CompactionDebt debt;
    long live;
    try (Statement st = connections.writer().createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
      rs.next();
      live = rs.getLong(1);
      debt = CompactionDebt.read(connections.writer());
      connections.writer().commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new StoreException("cannot read what the store owes a compaction: " + e.getMessage(), e);
    }
    if (!debt.due(live)) {
      return false;
    }
    long start = System.nanoTime();
    DuckDbCompaction.compact(connections, hooks);
    log.info("store compacted in {} ms ({} events deleted by retention{})", (System.nanoTime() - start) / 1_000_000,
        debt.deadEvents(), debt.erased() ? ", an erasure" : "");
    return true;
  }

  private void rollbackQuietly(Exception failure) {
    try {
      connections.writer().rollback();
    } catch (SQLException rollback) {
      failure.addSuppressed(rollback);
    }
  }

  /** Heap held by the dedupe filter, in bytes (for metrics; any thread). */
  public long dedupeFilterBytes() {
    return storedKeys.bytes();
  }

  @Override
  public ReadConnections readConnections() {
    return connections;
  }

  @Override
  public synchronized void close() {
    try {
      connections.close(writer -> {
        writer.commit();
        KeyFilterFile.save(KeyFilterFile.of(file), storedKeys, writer, nextSeq - 1);
        log.info("store closed");
      });
    } catch (SQLException e) {
      throw new StoreException("cannot close the store: " + e.getMessage(), e);
    }
  }
}
