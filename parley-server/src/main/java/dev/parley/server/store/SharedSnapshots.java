package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Read connections of a store that can open a second connection in the snapshot of a first
 * one's read transaction (PostgreSQL's exported snapshots), so that the statements of one
 * question run at once on two connections and still see the store as of one moment.
 */
public interface SharedSnapshots {
  /** A connection reading in the snapshot of another; close it when its statements are done. */
  interface Joined extends AutoCloseable {
    Connection connection();

    @Override
    void close() throws SQLException;
  }

  /**
   * A second connection in the snapshot of {@code first}, whose read transaction is open, or
   * empty when none is free now (then the caller runs everything on {@code first}); never
   * waits for another reader to give one back.
   */
  Optional<Joined> join(Connection first) throws SQLException;
}
