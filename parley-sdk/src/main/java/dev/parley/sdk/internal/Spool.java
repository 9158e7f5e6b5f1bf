package dev.parley.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Messages kept on disk until they are delivered: files of one message per line, each
 * file at most one batch, named so that sorting by name is oldest first.
 *
 * <p>A file is written beside its final name, forced to disk, then renamed atomically,
 * so a crash leaves either the whole file or none. A file or line that cannot be read
 * (damaged by something else) is skipped with a warning, never thrown. One client per
 * directory, enforced with a file lock. Methods are thread-safe; writes are serialised.
 */
public final class Spool {
  private static final System.Logger LOG = System.getLogger("dev.parley.sdk");
  private static final String SUFFIX = ".spool";
  private static final String LOCK = "spool.lock";

  private final Path directory;
  private final int maxCount;
  private final int maxBytes;
  private final Clock clock;
  private final AtomicLong waiting = new AtomicLong();
  private final FileChannel lockChannel;
  private final FileLock lock;
  private long sequence;

  /**
   * Opens (creating if needed) a spool directory, locks it for this client, and counts
   * what it holds. File names begin with the {@code clock}'s time in milliseconds.
   *
   * @throws IllegalStateException when another client holds the directory
   */
  public Spool(Path directory, int maxCount, int maxBytes, Clock clock) throws IOException {
    this.directory = Files.createDirectories(directory);
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
    this.clock = clock;
    this.lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock acquired;
    try {
      acquired = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      acquired = null;
    }
    if (acquired == null) {
      lockChannel.close();
      throw new IllegalStateException("spool directory " + directory + " is in use by another client");
    }
    this.lock = acquired;
    for (Path file : files()) {
      waiting.addAndGet(read(file).size());
    }
  }

  /** Releases the directory for another client; the files stay. */
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "spool lock cannot be released: {0}", e.toString());
    }
  }

  /** How many messages wait on disk. */
  public long waiting() {
    return waiting.get();
  }

  /** Writes messages durably, in files of at most one batch each. */
  public synchronized void write(List<EncodedMessage> messages) throws IOException {
    for (Batch chunk : Batch.pack(messages, maxCount, maxBytes, null)) {
      Path file;
      do {
        file = directory.resolve(String.format("%013d-%06d%s", clock.millis(), ++sequence, SUFFIX));
      } while (Files.exists(file));
      writeFile(file, chunk.messages());
      waiting.addAndGet(chunk.size());
    }
  }

  /** Replaces a file's content with the messages still undelivered, keeping its place in line. */
  public synchronized void rewrite(Path file, List<EncodedMessage> remaining, int before) throws IOException {
    writeFile(file, remaining);
    waiting.addAndGet(remaining.size() - before);
  }

  /** Deletes a file whose messages are all settled. */
  public synchronized void delete(Path file, int messages) throws IOException {
    if (Files.deleteIfExists(file)) {
      waiting.addAndGet(-messages);
    }
  }

  /** The spool files, oldest first. */
  public List<Path> files() throws IOException {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }

  /** The messages of a file that can be read; damaged lines are skipped and logged. */
  public List<EncodedMessage> read(Path file) {
    List<EncodedMessage> messages = new ArrayList<>();
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "spool file {0} cannot be read: {1}", file, e.toString());
      return messages;
    }
    int skipped = 0;
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (i > start) {
          byte[] line = Arrays.copyOfRange(content, start, i);
          EncodedMessage message = parse(line);
          if (message == null) {
            skipped++;
          } else {
            messages.add(message);
          }
        }
        start = i + 1;
      }
    }
    if (skipped > 0) {
      LOG.log(Level.WARNING, "spool file {0}: skipped {1} damaged line(s)", file, skipped);
    }
    return messages;
  }

  private static EncodedMessage parse(byte[] line) {
    try {
      JsonNode node = MessageEncoder.JSON.readTree(line);
      if (node == null || !node.isObject() || !node.path("messageId").isTextual() || !node.path("type").isTextual()) {
        return null;
      }
      return new EncodedMessage(node.get("messageId").textValue(), node.get("type").textValue(),
          node.path("event").asText(""), line);
    } catch (IOException e) {
      return null;
    }
  }

  private void writeFile(Path file, List<EncodedMessage> messages) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (EncodedMessage message : messages) {
      content.write(message.json());
      content.write('\n');
    }
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content.toByteArray());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory();
  }

  private void forceDirectory() {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory; the rename is then as durable as they allow.
    }
  }
}
