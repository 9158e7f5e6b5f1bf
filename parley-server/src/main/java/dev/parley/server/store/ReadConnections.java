package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands readers (analytics, the read API, export) a JDBC connection to the store. The
 * caller owns the connection and closes it; it must not write.
 */
@FunctionalInterface
public interface ReadConnections {
  Connection open() throws SQLException;
}
