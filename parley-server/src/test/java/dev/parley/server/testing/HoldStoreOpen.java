package dev.parley.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run as its own process: opens a DuckDB file for writing, as a running server does,
 * prints "ready", and holds it until standard input closes.
 */
public final class HoldStoreOpen {
  private HoldStoreOpen() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
      System.out.println(connection.isClosed() ? "closed" : "ready");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }
}
