package dev.parley.server.config;

import dev.parley.spec.privacy.ContentMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write keys (one per source), the admin token and the hash key of content hash mode,
 * kept in {@code keys.json} in the data directory, readable by its owner only. Write keys are
 * kept as their SHA-256 only; a file written by an older version with keys in clear is
 * rewritten hashed when it is opened.
 *
 * <p>Reads ({@link #byWriteKey}, {@link #list}, ...) never lock and never touch the disk: they
 * answer from an immutable snapshot of the file in a volatile field. A change made through
 * the store is a read-modify-write of the file under a lock every writer takes, the command
 * line's as well as the server's, after which the store swaps in the new snapshot.
 *
 * <p>A store opened with {@link #watch} also follows the changes other processes make (such
 * as {@code parley keys create} and {@code revoke}): a daemon thread reads the file every
 * {@value #WATCH_EVERY_MILLIS} ms and swaps the snapshot when the file's bytes changed, so a
 * change reaches the server within that time and no request ever waits for the check. The
 * thread compares the bytes rather than the modification time and size, which can stay the
 * same across two saves on file systems with coarse timestamps; the file is a few kilobytes,
 * and a {@code WatchService} falls back to slow polling on some platforms. A file that is
 * missing or cannot be parsed is logged and the last good snapshot kept.
 *
 * <p>The document is {@code keys.json} for an embedded server; collectors in cluster mode share
 * one in PostgreSQL ({@link KeyDocument}), followed the same way.
 *
 * <p>Thread-safe. Close a watching store to stop its thread.
 */
public final class KeyStore implements AutoCloseable {
  static final String FILE_NAME = KeyFile.FILE_NAME;
  static final long WATCH_EVERY_MILLIS = 250;
  private static final Logger log = LoggerFactory.getLogger(KeyStore.class);

  private final KeyDocument document;
  private final Clock clock;
  private volatile KeySnapshot snapshot;
  /** Held by writers and the watcher, so the snapshot only ever moves forward; never by readers. */
  private final ReentrantLock changes = new ReentrantLock();
  /** The document's bytes behind {@link #snapshot}; guarded by {@link #changes}. */
  private byte[] seen;
  /** The last problem the watcher logged, so a lasting one is logged once; guarded by {@link #changes}. */
  private String problem;
  private final Optional<ScheduledExecutorService> watcher;

  private KeyStore(KeyDocument document, Clock clock, KeyFile.Contents initial, Optional<Duration> watchEvery) {
    this.document = document;
    this.clock = clock;
    this.snapshot = initial.keys();
    this.seen = initial.bytes();
    this.watcher = watchEvery.map(every -> {
      ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "parley-keys-watcher");
        t.setDaemon(true);
        return t;
      });
      thread.scheduleWithFixedDelay(this::checkForChanges, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
      return thread;
    });
  }

  /**
   * Opens (and creates, when absent) the key file of a data directory, as it is now: changes
   * other processes make later are not seen. For one-off commands.
   */
  public static KeyStore open(Path dataDir) {
    return open(dataDir, Clock.systemUTC(), Optional.empty());
  }

  /**
   * Opens the key file of a data directory and follows the changes other processes make to
   * it, within {@value #WATCH_EVERY_MILLIS} ms, until closed. For the server.
   */
  public static KeyStore watch(Path dataDir) {
    return open(dataDir, Clock.systemUTC(), Optional.of(Duration.ofMillis(WATCH_EVERY_MILLIS)));
  }

  /**
   * Opens a keys document kept elsewhere (cluster mode keeps one in PostgreSQL) and follows the
   * changes other processes make to it, within {@value #WATCH_EVERY_MILLIS} ms, until closed.
   */
  public static KeyStore watch(KeyDocument document) {
    return open(document, Clock.systemUTC(), Optional.of(Duration.ofMillis(WATCH_EVERY_MILLIS)));
  }

  /** Opens a keys document kept elsewhere, as it is now. For one-off commands. */
  public static KeyStore open(KeyDocument document) {
    return open(document, Clock.systemUTC(), Optional.empty());
  }

  static KeyStore open(Path dataDir, Clock clock, Optional<Duration> watchEvery) {
    KeyFile file;
    try {
      file = KeyFile.in(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the write keys in " + dataDir + ": " + e.getMessage(), e);
    }
    return open(file, clock, watchEvery);
  }

  static KeyStore open(KeyDocument document, Clock clock, Optional<Duration> watchEvery) {
    try {
      KeyFile.Contents initial = KeyFile.parse(document.read());
      if (initial.keysInClear()) {
        initial = KeyFile.parse(document.update(KeyStore::formatted)); // saved hashed from now on
      }
      return new KeyStore(document, clock, initial, watchEvery);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the write keys in " + document.where() + ": " + e.getMessage(), e);
    }
  }

  /** Every source, active and revoked, in the order they were made. */
  public List<Source> list() {
    return snapshot.sources();
  }

  /**
   * The active source with this write key. Looked up by the key's SHA-256, so the time taken
   * depends on the hash, which says nothing usable about the key.
   */
  public Optional<Source> byWriteKey(String writeKey) {
    if (writeKey == null) {
      return Optional.empty();
    }
    return snapshot.active(Secrets.keyHash(writeKey));
  }

  /** Makes a source with a new random write key. */
  public NewKey create(String name, Optional<ValidationMode> validation) {
    return create(name, validation, Optional.empty());
  }

  /** Makes a source with a new random write key, its own validation and content modes. */
  public NewKey create(String name, Optional<ValidationMode> validation, Optional<ContentMode> contentMode) {
    String key = Secrets.random("wk_", 16);
    Source source = newSource(name, Secrets.keyHash(key), validation, contentMode);
    update(keys -> keys.with(source));
    return new NewKey(source, key);
  }

  /**
   * The source with this write key, made (active, named {@code name}) when there is none. Its
   * id comes from the key (a digest of its hash), so collectors given the same {@code --write-key}
   * store its events under the same source, and dedupe across them is exact.
   */
  public Source ensure(String writeKey, String name) {
    String hash = Secrets.keyHash(writeKey);
    Source made = new Source(sourceIdOf(hash), name, hash, Optional.empty(), Optional.empty(), clock.instant(),
        Optional.empty());
    return update(keys -> keys.withHash(hash).isPresent() ? keys : keys.with(made)).withHash(hash).orElseThrow();
  }

  /** Revokes the source with this id or write key; empty when there is none. */
  public Optional<Source> revoke(String idOrKey) {
    Instant at = clock.instant();
    return update(keys -> keys.revoke(idOrKey, at)).find(idOrKey);
  }

  /**
   * The keys a start needs: {@code writeKey}, when given, is added (keys active before stay so,
   * with a warning), else a key is made when no source is active; the admin token is {@code
   * adminToken} when given, else the kept one, else one made and kept. What was made is added
   * to {@code notices}, for the start to print once.
   *
   * @return the admin token
   */
  public String startKeys(Optional<String> writeKey, Optional<String> adminToken, List<String> notices) {
    if (writeKey.isPresent()) {
      Source given = ensure(writeKey.get(), "default");
      List<String> others = list().stream().filter(Source::active).map(Source::id)
          .filter(id -> !id.equals(given.id())).toList();
      if (!others.isEmpty()) {
        log.warn("the write keys of {} other sources are accepted too ({}): --write-key adds a key, it does not"
            + " replace those; `parley keys revoke ID` stops one", others.size(), String.join(", ", others));
      }
    } else if (list().stream().noneMatch(Source::active)) {
      NewKey made = create("default", Optional.empty());
      notices.add("write key (source " + made.source().id() + "): " + made.writeKey());
    }
    return adminToken.or(this::adminToken).orElseGet(() -> {
      String made = Secrets.random("adm_", 24);
      adminToken(made);
      notices.add("admin token: " + made);
      return made;
    });
  }

  /** The admin token kept in the file, if one was made. */
  public Optional<String> adminToken() {
    return snapshot.adminToken();
  }

  /** Keeps an admin token in the file. */
  public void adminToken(String token) {
    update(keys -> keys.withAdminToken(token));
  }

  /** The secret of content hash mode kept in the file, if one was made. */
  public Optional<String> hashKey() {
    return snapshot.hashKey();
  }

  /** Keeps the secret of content hash mode in the file. */
  public void hashKey(String key) {
    update(keys -> keys.withHashKey(key));
  }

  /** A source id that depends only on the key: {@code src_} and 12 hex digits of a digest of its hash. */
  static String sourceIdOf(String keyHash) {
    return "src_" + Secrets.keyHash("source-id:" + keyHash).substring("sha256:".length(), "sha256:".length() + 12);
  }

  private Source newSource(String name, String keyHash, Optional<ValidationMode> validation,
      Optional<ContentMode> contentMode) {
    return new Source(Secrets.random("src_", 6), name, keyHash, validation, contentMode, clock.instant(),
        Optional.empty());
  }

  private KeySnapshot update(UnaryOperator<KeySnapshot> change) {
    changes.lock();
    try {
      byte[] after = document.update(bytes -> {
        KeyFile.Contents now = parse(bytes);
        KeySnapshot next = change.apply(now.keys());
        return next.equals(now.keys()) && !now.keysInClear() ? bytes : format(next);
      });
      KeySnapshot keys = KeyFile.parse(after).keys();
      snapshot = keys;
      seen = after;
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + document.where() + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot write " + document.where() + ": " + e.getCause().getMessage(), e.getCause());
    } finally {
      changes.unlock();
    }
  }

  /** The document's bytes, rewritten in the current format (write keys hashed). */
  private static byte[] formatted(byte[] bytes) {
    return format(parse(bytes).keys());
  }

  private static KeyFile.Contents parse(byte[] bytes) {
    try {
      return KeyFile.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] format(KeySnapshot keys) {
    try {
      return KeyFile.format(keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the file and swaps in a new snapshot when its bytes changed since the last read or
   * write; what the watcher runs. Returns whether the snapshot changed. Never throws: a
   * missing or unreadable file keeps the last snapshot.
   */
  boolean checkForChanges() {
    changes.lock();
    try {
      byte[] bytes = document.read();
      if (bytes.length == 0) {
        // Removing the file is not a way to revoke every key: nothing would be left to check against.
        report(seen.length == 0 ? null : document.where() + " is missing or empty; the keys read before stay in use");
        return false;
      }
      if (Arrays.equals(bytes, seen)) {
        report(null);
        return false;
      }
      KeyFile.Contents read = KeyFile.parse(bytes);
      snapshot = read.keys();
      seen = bytes;
      report(null);
      log.info("{} changed: {} sources, {} active", document.where(), read.keys().sources().size(),
          read.keys().activeByHash().size());
      return true;
    } catch (IOException | RuntimeException e) {
      report("cannot read " + document.where() + " (the keys read before stay in use): " + e.getMessage());
      return false;
    } finally {
      changes.unlock();
    }
  }

  private void report(String now) {
    if (now != null && !now.equals(problem)) {
      log.warn("{}", now);
    } else if (now == null && problem != null) {
      log.info("{} can be read again", document.where());
    }
    problem = now;
  }

  /** Stops following the file, when this store was opened with {@link #watch}. */
  @Override
  public void close() {
    watcher.ifPresent(thread -> {
      thread.shutdown();
      try {
        thread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
