package dev.parley.server.config;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Where the keys document is kept: the JSON of the sources (their write keys' SHA-256, never
 * the keys), the admin token and the secret of content hash mode. An embedded server keeps it
 * in {@code keys.json} in its data directory; collectors in cluster mode share one in their
 * PostgreSQL store, so a key made or revoked through any of them is in force on all.
 * {@link KeyStore} reads and changes it; implementations only move bytes.
 */
public interface KeyDocument {
  /** The document's bytes as they are now, read without the writers' lock; empty when there is none yet. */
  byte[] read() throws IOException;

  /**
   * Under a lock that every writer takes, in every process: applies {@code change} to the
   * bytes as they are (empty when there is no document yet) and, when it returns other bytes,
   * saves them durably. Returns the bytes the document holds afterwards.
   */
  byte[] update(UnaryOperator<byte[]> change) throws IOException;

  /** Where the document is, for messages: a path, or a database table. */
  String where();
}
