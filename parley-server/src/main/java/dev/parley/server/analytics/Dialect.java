package dev.parley.server.analytics;

/**
 * The SQL dialect of a store. Each dialect keeps its queries in its own resource folder
 * ({@code dev/parley/server/analytics/<folder>/*.sql}) under the same file names, so a
 * PostgreSQL version of a question sits beside the DuckDB one; a question that both answer with
 * the same SQL is written once, in {@code common/}.
 */
public enum Dialect {
  DUCKDB("duckdb"),
  /** Cluster mode's store: its conversation facts are always whole (each load keeps them). */
  POSTGRES("postgres");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The resource folder that holds this dialect's queries. */
  public String folder() {
    return folder;
  }
}
