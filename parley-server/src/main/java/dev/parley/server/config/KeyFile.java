package dev.parley.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.privacy.ContentMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The keys document as {@code keys.json} on disk: read whole, and changed only by a
 * read-modify-write under a lock that every writer takes, server and command line alike. Also
 * the document's JSON format ({@link #parse}, {@link #format}), wherever it is kept.
 *
 * <p>The lock is an OS file lock on {@code keys.json.lock} (held between processes) taken
 * after a lock of this JVM on the same directory: the JVM holds file locks for the whole
 * process, so two threads of one process must not both ask the OS. A save writes a temporary
 * file with a name of its own, forces it to disk, and moves it over {@code keys.json} in one
 * step, so a reader without the lock sees the old file or the new one, never part of one.
 *
 * <p>Thread-safe.
 */
final class KeyFile implements KeyDocument {
  static final String FILE_NAME = "keys.json";
  static final String LOCK_NAME = FILE_NAME + ".lock";
  private static final String TEMP_PREFIX = FILE_NAME + ".";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The lock of this JVM for each data directory (by its real path). */
  private static final ConcurrentMap<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

  /**
   * The file's bytes as read (empty when there is no file) and what they say.
   *
   * @param keysInClear whether some write key is kept in clear (written by an older version)
   */
  record Contents(byte[] bytes, KeySnapshot keys, boolean keysInClear) {
    static final Contents NONE = new Contents(new byte[0], KeySnapshot.EMPTY, false);
  }

  private final Path dir;
  private final Path file;
  private final ReentrantLock processLock;

  private KeyFile(Path dir) {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.processLock = PROCESS_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
  }

  /** The key file of a data directory, made when absent. */
  static KeyFile in(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    return new KeyFile(dataDir.toRealPath());
  }

  Path path() {
    return file;
  }

  @Override
  public String where() {
    return file.toString();
  }

  /** The file's bytes as they are now, without the lock (a save replaces the file whole); empty when absent. */
  @Override
  public byte[] read() throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  /** Applies {@code change} to the file as it is under the lock, and saves the result when it differs. */
  @Override
  public byte[] update(UnaryOperator<byte[]> change) throws IOException {
    processLock.lock();
    try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_NAME), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      removeAbandonedTemps();
      byte[] now = read();
      byte[] next = change.apply(now);
      if (Arrays.equals(next, now)) {
        return now;
      }
      save(next);
      return next;
    } finally {
      processLock.unlock();
    }
  }

  private void save(byte[] bytes) throws IOException {
    Path temp = createOwnerOnlyTemp();
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory();
  }

  /** Temporary files left by a writer that died: under the lock no one else is writing one. */
  private void removeAbandonedTemps() throws IOException {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Made readable by its owner only before the secrets are written, so no one else can ever read them. */
  private Path createOwnerOnlyTemp() throws IOException {
    FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    try {
      return Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX, ownerOnly);
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
    }
  }

  /** Makes the move itself durable; file systems that cannot open a directory skip it. */
  private void forceDirectory() {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows and some file systems: the move is as durable as they make it.
    }
  }

  /**
   * What the bytes of a keys document say (nothing, when empty). Errors name where the document
   * is broken, never what it holds: it holds secrets.
   */
  static Contents parse(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return Contents.NONE;
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IOException(FILE_NAME + " is not valid JSON"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (root == null || root.isMissingNode()) {
      return new Contents(bytes, KeySnapshot.EMPTY, false);
    }
    List<Source> sources = new ArrayList<>();
    boolean inClear = false;
    try {
      for (JsonNode s : root.path("sources")) {
        String hash = s.path("writeKeyHash").textValue();
        if (hash == null) {
          hash = Secrets.keyHash(s.path("writeKey").asText());
          inClear = true;
        }
        sources.add(new Source(s.path("id").asText(), s.path("name").asText(), hash,
            Optional.ofNullable(s.path("validation").textValue()).map(ValidationMode::parse),
            Optional.ofNullable(s.path("contentMode").textValue()).map(ContentMode::parse),
            Instant.parse(s.path("createdAt").asText()),
            Optional.ofNullable(s.path("revokedAt").textValue()).map(Instant::parse)));
      }
    } catch (RuntimeException e) {
      throw new IOException("a source in " + FILE_NAME + " is malformed: " + e.getMessage(), e);
    }
    KeySnapshot keys = KeySnapshot.of(sources, Optional.ofNullable(root.path("adminToken").textValue()),
        Optional.ofNullable(root.path("hashKey").textValue()));
    return new Contents(bytes, keys, inClear);
  }

  static byte[] format(KeySnapshot keys) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    keys.adminToken().ifPresent(token -> root.put("adminToken", token));
    keys.hashKey().ifPresent(key -> root.put("hashKey", key));
    ArrayNode list = root.putArray("sources");
    for (Source source : keys.sources()) {
      ObjectNode s = list.addObject().put("id", source.id()).put("name", source.name())
          .put("writeKeyHash", source.keyHash()).put("createdAt", source.createdAt().toString());
      source.validation().ifPresent(mode -> s.put("validation", mode.wireName()));
      source.contentMode().ifPresent(mode -> s.put("contentMode", mode.configName()));
      source.revokedAt().ifPresent(at -> s.put("revokedAt", at.toString()));
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }
}
