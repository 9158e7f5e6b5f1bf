package dev.parley.server.analytics;

import java.sql.SQLException;

/** The store could not answer a read: it is closed, locked, or the query failed. */
public final class StoreReadException extends RuntimeException {
  public StoreReadException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
