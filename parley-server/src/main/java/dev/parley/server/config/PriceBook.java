package dev.parley.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price table in force: read from {@code parley.yml} at start, and again when the file
 * changes (read no more than once a second, when prices are asked for), so prices change
 * without a restart. A file that no longer reads keeps the last good table, and says why in
 * the log. Thread-safe.
 */
public final class PriceBook {
  private static final Logger log = LoggerFactory.getLogger(PriceBook.class);
  private static final Duration LOOK_EVERY = Duration.ofSeconds(1);

  private final Optional<Path> file;
  private final Clock clock;
  private Instant lookedAt;
  private Object stamp;
  private PriceTable table;

  private PriceBook(Optional<Path> file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * The prices of {@code file} (none when there is no file, or it has no {@code prices}).
   *
   * @throws IllegalArgumentException when the file's prices cannot be read, naming why
   */
  public static PriceBook open(Optional<Path> file, Clock clock) {
    Objects.requireNonNull(file, "file == null");
    PriceBook book = new PriceBook(file, clock);
    book.lookedAt = clock.instant();
    book.stamp = book.stamp();
    book.table = book.read();
    return book;
  }

  /** A book of fixed prices (tests, tools). */
  public static PriceBook of(PriceTable table) {
    PriceBook book = new PriceBook(Optional.empty(), Clock.systemUTC());
    book.lookedAt = Instant.MAX;
    book.table = table;
    return book;
  }

  /** The prices now. */
  public synchronized PriceTable current() {
    Instant now = clock.instant();
    if (file.isPresent() && !now.isBefore(lookedAt.plus(LOOK_EVERY))) {
      lookedAt = now;
      try {
        Object seen = stamp();
        if (!Objects.equals(seen, stamp)) {
          stamp = seen;
          table = read();
          log.info("prices read again from {}: {} prices", file.get(), table.prices().size());
        }
      } catch (RuntimeException e) {
        log.warn("the prices in {} cannot be read, the previous ones stay in force: {}", file.get(), e.getMessage());
      }
    }
    return table;
  }

  private PriceTable read() {
    if (file.isEmpty() || !Files.exists(file.get())) {
      return PriceTable.empty();
    }
    return PriceTable.parse(ConfigResolver.readYaml(file.get(), false));
  }

  /** What tells one version of the file from another: its bytes (a configuration file is small). */
  private Object stamp() {
    if (file.isEmpty()) {
      return null;
    }
    try {
      return ByteBuffer.wrap(Files.readAllBytes(file.get()));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
