package dev.parley.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.privacy.ContentMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The write keys (one per source), the admin token and the hash key of content hash mode,
 * kept in {@code keys.json} in the data directory, readable by its owner only. Write keys are
 * kept as their SHA-256 only; a file written by an older version with keys in clear is
 * rewritten hashed when it is read.
 *
 * <p>Thread-safe. Every lookup checks whether the file changed on disk (one {@code stat}), so
 * {@code parley keys create} and {@code revoke} take effect in a running server at once.
 */
public final class KeyStore {
  static final String FILE_NAME = "keys.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Clock clock;
  private List<Source> sources = List.of();
  private Optional<String> adminToken = Optional.empty();
  private Optional<String> hashKey = Optional.empty();
  /** The file's identity and time when last read or written; each save makes a new file (inode). */
  private Object loadedVersion;

  private KeyStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** Opens (and creates, when absent) the key file of a data directory. */
  public static KeyStore open(Path dataDir) {
    return open(dataDir, Clock.systemUTC());
  }

  static KeyStore open(Path dataDir, Clock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    KeyStore store = new KeyStore(dataDir.resolve(FILE_NAME), clock);
    store.reload();
    return store;
  }

  /** Every source, active and revoked, in the order they were made. */
  public synchronized List<Source> list() {
    refresh();
    return sources;
  }

  /** The active source with this write key. */
  public synchronized Optional<Source> byWriteKey(String writeKey) {
    refresh();
    return find(writeKey);
  }

  /** Every source is compared, in constant time, so the time taken says nothing about the key. */
  private Optional<Source> find(String writeKey) {
    if (writeKey == null) {
      return Optional.empty();
    }
    String hash = Secrets.keyHash(writeKey);
    Source found = null;
    for (Source source : sources) {
      if (Secrets.same(source.keyHash(), hash) && source.active()) {
        found = source;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Makes a source with a new random write key. */
  public synchronized NewKey create(String name, Optional<ValidationMode> validation) {
    return create(name, validation, Optional.empty());
  }

  /** Makes a source with a new random write key, its own validation and content modes. */
  public synchronized NewKey create(String name, Optional<ValidationMode> validation,
      Optional<ContentMode> contentMode) {
    String key = Secrets.random("wk_", 16);
    return new NewKey(add(key, name, validation, contentMode), key);
  }

  /** The source with this write key, made (active, named {@code name}) when there is none. */
  public synchronized Source ensure(String writeKey, String name) {
    refresh();
    String hash = Secrets.keyHash(writeKey);
    for (Source source : sources) {
      if (source.keyHash().equals(hash)) {
        return source;
      }
    }
    return add(writeKey, name, Optional.empty(), Optional.empty());
  }

  /** Revokes the source with this id or write key; empty when there is none. */
  public synchronized Optional<Source> revoke(String idOrKey) {
    refresh();
    List<Source> next = new ArrayList<>(sources);
    for (int i = 0; i < next.size(); i++) {
      Source source = next.get(i);
      if (source.id().equals(idOrKey) || source.keyHash().equals(Secrets.keyHash(idOrKey))) {
        Source revoked = source.active() ? source.revoked(clock.instant()) : source;
        next.set(i, revoked);
        sources = List.copyOf(next);
        save();
        return Optional.of(revoked);
      }
    }
    return Optional.empty();
  }

  /** The admin token kept in the file, if one was made. */
  public synchronized Optional<String> adminToken() {
    refresh();
    return adminToken;
  }

  /** Keeps an admin token in the file. */
  public synchronized void adminToken(String token) {
    refresh();
    adminToken = Optional.of(token);
    save();
  }

  /** The secret of content hash mode kept in the file, if one was made. */
  public synchronized Optional<String> hashKey() {
    refresh();
    return hashKey;
  }

  /** Keeps the secret of content hash mode in the file. */
  public synchronized void hashKey(String key) {
    refresh();
    hashKey = Optional.of(key);
    save();
  }

  private Source add(String writeKey, String name, Optional<ValidationMode> validation,
      Optional<ContentMode> contentMode) {
    refresh();
    Source source = new Source(Secrets.random("src_", 6), name, Secrets.keyHash(writeKey), validation, contentMode,
        clock.instant(), Optional.empty());
    List<Source> next = new ArrayList<>(sources);
    next.add(source);
    sources = List.copyOf(next);
    save();
    return source;
  }

  private void refresh() {
    try {
      if (!version().equals(loadedVersion)) {
        reload();
      }
    } catch (NoSuchFileException e) {
      // Nothing kept yet.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void reload() {
    try {
      if (!Files.exists(file)) {
        return;
      }
      loadedVersion = version();
      JsonNode root = JSON.readTree(file.toFile());
      adminToken = Optional.ofNullable(root.path("adminToken").textValue());
      hashKey = Optional.ofNullable(root.path("hashKey").textValue());
      List<Source> read = new ArrayList<>();
      boolean inClear = false;
      for (JsonNode s : root.path("sources")) {
        String hash = s.path("writeKeyHash").textValue();
        if (hash == null) {
          hash = Secrets.keyHash(s.path("writeKey").asText());
          inClear = true;
        }
        read.add(new Source(s.path("id").asText(), s.path("name").asText(), hash,
            Optional.ofNullable(s.path("validation").textValue()).map(ValidationMode::parse),
            Optional.ofNullable(s.path("contentMode").textValue()).map(ContentMode::parse),
            Instant.parse(s.path("createdAt").asText()),
            Optional.ofNullable(s.path("revokedAt").textValue()).map(Instant::parse)));
      }
      sources = List.copyOf(read);
      if (inClear) {
        save(); // migrate: keys written in clear by an older version are kept hashed from now on
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    adminToken.ifPresent(token -> root.put("adminToken", token));
    hashKey.ifPresent(key -> root.put("hashKey", key));
    ArrayNode list = root.putArray("sources");
    for (Source source : sources) {
      ObjectNode s = list.addObject().put("id", source.id()).put("name", source.name())
          .put("writeKeyHash", source.keyHash()).put("createdAt", source.createdAt().toString());
      source.validation().ifPresent(mode -> s.put("validation", mode.wireName()));
      source.contentMode().ifPresent(mode -> s.put("contentMode", mode.configName()));
      source.revokedAt().ifPresent(at -> s.put("revokedAt", at.toString()));
    }
    try {
      Path temp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.deleteIfExists(temp);
      createOwnerOnly(temp); // before the secrets are written, so no one else can ever read them
      Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      ownerOnly(temp);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      loadedVersion = version();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Object version() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Object key = attributes.fileKey();
    return List.of(key == null ? "" : key, attributes.lastModifiedTime(), attributes.size());
  }

  private static void createOwnerOnly(Path path) throws IOException {
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | FileSystemException e) {
      // Not a POSIX file system: the directory's own permissions apply.
    }
  }
}
