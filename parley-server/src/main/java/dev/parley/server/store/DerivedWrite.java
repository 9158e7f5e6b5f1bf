package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that writes tables derived from the events (topics) on a store's connection, inside a
 * transaction that whoever runs it opens and commits: the embedded store's write connection
 * ({@link DuckDbStore#writeDerived}), or a connection of the shared store's own.
 */
@FunctionalInterface
public interface DerivedWrite<T> {
  T apply(Connection connection) throws SQLException;
}
