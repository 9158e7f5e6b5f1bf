package dev.parley.server.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedupe filter saved beside the store ({@code parley.duckdb.keys}) when the store
 * closes, so that the next open reads it instead of every stored key (seconds at millions of
 * events). It records the last seq it covers and the key stored at that seq, and ends with a
 * CRC-32C of its bytes; it is used only when the checksum holds and the store still holds that
 * key at that seq, and it is deleted once read, so a file that a crash or a copied database
 * could have made stale is never trusted twice. A filter with extra keys (of events deleted
 * since) only costs lookups; keys stored after it are read from the store. Anything
 * unexpected means a full read, as without the file.
 */
final class KeyFilterFile {
  private static final Logger log = LoggerFactory.getLogger(KeyFilterFile.class);
  private static final int MAGIC = 0x504b4631; // "PKF1"

  private KeyFilterFile() {}

  /** The file beside {@code storeFile}. */
  static Path of(Path storeFile) {
    return storeFile.resolveSibling(storeFile.getFileName() + ".keys");
  }

  /**
   * Writes {@code filter}, covering every event up to {@code lastSeq}, to {@code file}
   * (through a temporary file, moved in place). A failure is logged: the next open reads the
   * store instead.
   */
  static void save(Path file, StoredKeyFilter filter, Connection connection, long lastSeq) {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try {
      long fingerprint = fingerprint(connection, lastSeq).orElse(0L);
      try (FileOutputStream stream = new FileOutputStream(partial.toFile())) {
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(stream, 1 << 16), new CRC32C());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeInt(MAGIC);
        out.writeLong(lastSeq);
        out.writeLong(fingerprint);
        filter.writeTo(out);
        out.writeLong(checked.getChecksum().getValue()); // over everything before it
        out.flush();
        stream.getFD().sync(); // on disk before the move makes it the file the next open trusts
      }
      try {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | SQLException e) {
      log.warn("cannot save the dedupe filter to {} (the next start reads the store instead): {}", file, e.getMessage());
      deleteQuietly(partial);
    }
  }

  /** The filter saved beside {@code storeFile} when it is usable, else one read from the store. */
  static StoredKeyFilter loadOrRead(Path storeFile, Connection connection) throws SQLException {
    Optional<StoredKeyFilter> saved = load(of(storeFile), connection);
    return saved.isPresent() ? saved.get() : StoredKeyFilter.load(connection);
  }

  /**
   * The filter saved in {@code file} with the keys stored after it added, or empty when there
   * is no usable file. The file is deleted either way.
   */
  static Optional<StoredKeyFilter> load(Path file, Connection connection) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    long start = System.nanoTime();
    try (CheckedInputStream checked = new CheckedInputStream(
        new BufferedInputStream(Files.newInputStream(file), 1 << 16), new CRC32C())) {
      DataInputStream in = new DataInputStream(checked);
      if (in.readInt() != MAGIC) {
        throw new IOException("not a saved dedupe filter");
      }
      long lastSeq = in.readLong();
      long fingerprint = in.readLong();
      Optional<Long> stored = fingerprint(connection, lastSeq);
      if (lastSeq > 0 && (stored.isEmpty() || stored.get() != fingerprint)) {
        log.info("the saved dedupe filter does not match the store (seq {}); reading the store", lastSeq);
        return Optional.empty();
      }
      StoredKeyFilter filter = StoredKeyFilter.readFrom(in, Files.size(file));
      long sum = checked.getChecksum().getValue();
      if (in.readLong() != sum) {
        throw new IOException("checksum mismatch");
      }
      long newer = filter.addStoredAfter(connection, lastSeq);
      log.info("read the saved dedupe filter ({} keys, {} newer from the store) in {} ms", filter.keys() - newer,
          newer, (System.nanoTime() - start) / 1_000_000);
      return Optional.of(filter);
    } catch (IOException | SQLException | RuntimeException e) {
      log.warn("cannot use the saved dedupe filter {} (reading the store instead): {}", file, e.getMessage());
      return Optional.empty();
    } finally {
      deleteQuietly(file);
    }
  }

  /** The hash of the key stored at {@code seq}, when there is one. */
  private static Optional<Long> fingerprint(Connection connection, long seq) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("SELECT source, message_id FROM events WHERE seq = ?")) {
      st.setLong(1, seq);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(StoredKeyFilter.hash(rs.getString(1), rs.getString(2))) : Optional.empty();
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", file, e.getMessage());
    }
  }
}
