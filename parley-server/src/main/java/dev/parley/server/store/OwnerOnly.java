package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restricts the data directory and the store's file to their owner (POSIX only; elsewhere
 * nothing changes). The directory matters most: DuckDB makes its WAL and the log its segments
 * with the process's umask, and a directory only its owner may enter keeps them private too.
 */
final class OwnerOnly {
  private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Makes {@code dir} (when absent) and restricts it to its owner, saying so when it was open to others. */
  static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (posix() && !Files.getPosixFilePermissions(dir).equals(DIRECTORY)) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
      log.info("data directory {} restricted to its owner (rwx------)", dir);
    }
  }

  /** Restricts {@code file}, when it exists, to its owner. */
  static void file(Path file) throws IOException {
    if (posix() && Files.exists(file)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
