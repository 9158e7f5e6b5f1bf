package dev.parley.cluster.postgres;

import dev.parley.server.store.DerivedWrite;
import dev.parley.server.store.StoreException;
import dev.parley.server.topics.TopicWorker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics on PostgreSQL (V13): what the loads, erasures and the topic worker of the cluster do
 * to the topic tables, and the worker's writes and lease.
 *
 * <p>Every server with the read role runs a topic worker; only the one holding the lease (a
 * session advisory lock, {@link #LEASE}, on a connection of its own) works, so the model runs
 * on one machine of the cluster. When that server stops or loses its connection, PostgreSQL
 * frees the lock and another takes it within the worker's idle time. The lease saves work; the
 * tables stay right without it (one doc per conversation by key; every write one transaction,
 * after the topics' write lock {@link #WRITES}).
 *
 * <p>The worker's writes take the erasure lock ({@link PostgresErasure#LOCK}) shared, as loads
 * do: an erasure waits for the write in flight and the next one sees its deletions and its
 * suppressions. A doc is written only while the message it embedded is still stored, and names
 * made from texts read before an erasure are left to be made again, so nothing made from an
 * erased user's text outlives the erasure.
 */
public final class PostgresTopics implements TopicWorker.Writer, TopicWorker.Lease, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresTopics.class);
  /** The session advisory lock of the cluster's one working topic worker ("parleyT"). */
  static final long LEASE = 0x7061726c657954L;
  /**
   * The transaction advisory lock every topic write takes ("parleyW"): two workers that both
   * believe they hold the lease for a moment (one lost its session mid-step) write in turn.
   */
  static final long WRITES = 0x7061726c657957L;

  private final String jdbcUrl;
  private final Properties properties;
  private Connection writes; // guarded by this
  private final Object leaseGuard = new Object();
  private Connection leaseConnection; // guarded by leaseGuard
  private boolean held; // guarded by leaseGuard
  private volatile boolean closed;

  public PostgresTopics(String jdbcUrl, Properties properties) {
    this.jdbcUrl = jdbcUrl;
    this.properties = properties;
  }

  /**
   * Adds to {@code topic_pending} the conversations of the Message Sent the current load stored
   * ({@code inserted}: past the suppression check already) that have no doc yet; in
   * conversation order, as the facts' rows, so that two loads never wait on each other in
   * opposite orders.
   */
  static void afterLoad(Statement st) throws SQLException {
    st.execute("INSERT INTO topic_pending (conversation_id) SELECT DISTINCT n.conversation_id FROM inserted n"
        + " WHERE n.event = 'Message Sent' AND n.conversation_id IS NOT NULL"
        + " AND NOT EXISTS (SELECT 1 FROM topic_docs d WHERE d.conversation_id = n.conversation_id)"
        + " ORDER BY n.conversation_id ON CONFLICT (conversation_id) DO NOTHING");
  }

  /** Every stored conversation with a Message Sent and no doc, to be read (the migration that adds the tables). */
  static void rebuildPending(Statement st) throws SQLException {
    st.execute("INSERT INTO topic_pending (conversation_id) SELECT conversation_id FROM events"
        + " WHERE event = 'Message Sent' AND conversation_id IS NOT NULL"
        + " AND NOT EXISTS (SELECT 1 FROM topic_docs d WHERE d.conversation_id = events.conversation_id)"
        + " GROUP BY conversation_id ORDER BY min(seq) ON CONFLICT DO NOTHING");
  }

  /**
   * After an erasure deleted events of {@code conversations}: their docs and pending rows go,
   * and, when a doc went, every topic's name and keywords, which the worker remakes from the
   * conversations left (as the embedded store's erasure does).
   */
  static void afterErasure(Connection c, Collection<String> conversations) throws SQLException {
    if (conversations.isEmpty()) {
      return;
    }
    java.sql.Array ids = c.createArrayOf("text", conversations.toArray());
    try (java.sql.PreparedStatement pending = c.prepareStatement(
            "DELETE FROM topic_pending WHERE conversation_id = ANY(?)");
        java.sql.PreparedStatement docs = c.prepareStatement("DELETE FROM topic_docs WHERE conversation_id = ANY(?)")) {
      pending.setArray(1, ids);
      pending.executeUpdate();
      docs.setArray(1, ids);
      if (docs.executeUpdate() > 0) {
        try (Statement st = c.createStatement()) {
          st.executeUpdate("UPDATE topics SET label = NULL, keywords = NULL");
        }
      }
    }
  }

  /**
   * Runs {@code work} in one transaction of this process's topic connection, after the topics'
   * write lock and the erasure lock shared. A write holds the erasure lock for as long as it
   * runs, so an erasure waits for it, and loads queue behind that erasure: a recomputation over
   * a million conversations (it updates only the docs whose topic changed) is the longest.
   */
  @Override
  public synchronized <T> T write(DerivedWrite<T> work) {
    if (closed) {
      throw new StoreException("the topics' connection to PostgreSQL is closed", null);
    }
    try {
      if (writes == null) {
        writes = DriverManager.getConnection(jdbcUrl, properties);
        writes.setAutoCommit(false);
      }
      try (Statement st = writes.createStatement()) {
        st.execute("SELECT pg_advisory_xact_lock(" + WRITES + ")");
        PostgresErasure.beforeLoad(st);
      }
      T result = work.apply(writes);
      writes.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      dropWrites(e);
      throw new StoreException("writing the topics into PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  /** Rolls back; a connection that cannot is closed, and the next write opens another. */
  private void dropWrites(Exception cause) {
    if (writes == null) {
      return;
    }
    try {
      writes.rollback();
    } catch (SQLException rollback) {
      cause.addSuppressed(rollback);
      closeQuietly(writes);
      writes = null;
    }
  }

  /**
   * Whether this process holds the lease, trying to take it when it does not: on the lease's
   * own connection, checked alive each time (a session lost is a lease lost).
   */
  @Override
  public boolean held() {
    synchronized (leaseGuard) {
      if (closed) {
        return false;
      }
      try {
        if (held) {
          if (leaseConnection.isValid(5)) {
            return true;
          }
          log.warn("topics: the connection holding the topics lease was lost; another server may take it");
          closeQuietly(leaseConnection);
          leaseConnection = null;
          held = false;
        }
        if (leaseConnection == null) {
          leaseConnection = DriverManager.getConnection(jdbcUrl, properties);
        }
        try (Statement st = leaseConnection.createStatement();
            ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + LEASE + ")")) {
          rs.next();
          held = rs.getBoolean(1);
        }
        if (held) {
          log.info("topics: this server finds the cluster's topics (it holds their lease)");
        }
        return held;
      } catch (SQLException e) {
        if (leaseConnection != null) {
          closeQuietly(leaseConnection);
          leaseConnection = null;
        }
        held = false;
        log.debug("topics: cannot take the topics lease: {}", e.getMessage());
        return false;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (leaseGuard) {
      if (leaseConnection != null) {
        closeQuietly(leaseConnection); // the session's end frees the lease for another server
        leaseConnection = null;
        held = false;
      }
    }
    synchronized (this) {
      if (writes != null) {
        closeQuietly(writes);
        writes = null;
      }
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // going anyway
    }
  }
}
