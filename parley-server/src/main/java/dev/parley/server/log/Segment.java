package dev.parley.server.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of the {@link FileLog}, named by the position of its first byte. A record is a
 * 20-byte header (payload length, CRC-32C of what follows the checksum, append time in
 * epoch milliseconds, event count) and the payload.
 *
 * <p>The log's writer thread appends; the loader reads below the log's durable end. Opening a
 * segment scans it and cuts a torn or corrupt tail, so that no record is ever read half.
 */
final class Segment implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Segment.class);
  static final int HEADER = 20;
  /** Larger lengths are corruption: a request's body is at most 500 KB before its events are encoded. */
  static final int MAX_PAYLOAD = 64 << 20;
  static final String SUFFIX = ".seg";

  final long base;
  final Path path;
  private final FileChannel channel;
  /** Bytes of whole records; written by the writer thread, read by any. */
  private volatile long size;

  private Segment(long base, Path path, FileChannel channel, long size) {
    this.base = base;
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  /** What opening a segment found: the records kept and the bytes cut from its tail. */
  record Opened(Segment segment, long records, long events, long cutBytes, String cutReason) {}

  /**
   * Opens every segment file of {@code dir} into {@code segments}, in order of position, each
   * checked; a torn or corrupt tail is cut and logged. (The caller closes what was opened when
   * this throws.)
   */
  static void openAll(Path dir, Map<Long, Segment> segments) throws IOException {
    List<Path> paths;
    try (Stream<Path> files = Files.list(dir)) {
      paths = files.filter(p -> p.getFileName().toString().matches("\\d{20}" + SUFFIX.replace(".", "\\.")))
          .sorted().toList();
    }
    for (Path path : paths) {
      long base = Long.parseLong(path.getFileName().toString().replace(SUFFIX, ""));
      Opened opened = open(path, base);
      segments.put(base, opened.segment());
      if (opened.cutBytes() > 0) {
        log.warn("ingest log {}: cut {} bytes after its last whole record at position {} ({}); those bytes were"
            + " never acknowledged", path.getFileName(), opened.cutBytes(), opened.segment().end(), opened.cutReason());
      }
    }
  }

  /** Makes a file's creation or removal in {@code dir} durable, where the file system allows it. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for sync; the segment itself is forced.
      log.debug("cannot sync {}: {}", dir, e.toString());
    }
  }

  static Path pathOf(Path dir, long base) {
    return dir.resolve(String.format("%020d", base) + SUFFIX);
  }

  /** Creates an empty segment. */
  static Segment create(Path dir, long base) throws IOException {
    Path path = pathOf(dir, base);
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    return new Segment(base, path, channel, 0);
  }

  /** Opens a segment, checks every record and cuts (truncates) the file after the last whole one. */
  static Opened open(Path path, long base) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long fileSize = channel.size();
      long at = 0;
      long records = 0;
      long events = 0;
      String problem = null;
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      while (at < fileSize) {
        if (fileSize - at < HEADER) {
          problem = "a record header cut short";
          break;
        }
        header.clear();
        readFully(channel, header, at);
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || length > MAX_PAYLOAD) {
          problem = "an impossible record length (" + length + ")";
          break;
        }
        if (fileSize - at - HEADER < length) {
          problem = "a record cut short";
          break;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, at + HEADER);
        if (checksum(header.array(), payload.array()) != crc) {
          problem = "a record whose checksum does not match";
          break;
        }
        events += header.getInt(16);
        records++;
        at += HEADER + length;
      }
      long cut = fileSize - at;
      if (cut > 0) {
        channel.truncate(at);
        channel.force(true);
      }
      channel.position(at);
      return new Opened(new Segment(base, path, channel, at), records, events, cut, problem);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The CRC-32C of a record: its header after the checksum field, then the payload. */
  static int checksum(byte[] header, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(header, 8, HEADER - 8);
    crc.update(payload, 0, payload.length);
    return (int) crc.getValue();
  }

  /** A record's header. */
  static byte[] header(byte[] payload, long appendedAtMillis, int events) {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    header.putInt(payload.length).putInt(0).putLong(appendedAtMillis).putInt(events);
    header.putInt(4, checksum(header.array(), payload));
    return header.array();
  }

  long size() {
    return size;
  }

  long end() {
    return base + size;
  }

  /** Writes these buffers at the end (writer thread only); the caller forces. */
  void append(ByteBuffer[] buffers, long bytes) throws IOException {
    long written = 0;
    while (written < bytes) {
      written += channel.write(buffers);
    }
    size += bytes;
  }

  /** Forgets a failed append: cuts the file back to {@code keep} bytes (writer thread only). */
  void cutTo(long keep) throws IOException {
    channel.truncate(keep);
    channel.position(keep);
    size = keep;
  }

  void force() throws IOException {
    channel.force(false);
  }

  /** Records from {@code from} (a log position) up to {@code limit}, about {@code maxBytes} of payload. */
  List<LogRecord> read(long from, long limit, int maxBytes) throws IOException {
    List<LogRecord> records = new ArrayList<>();
    long at = from - base;
    long stop = Math.min(limit, end()) - base;
    int taken = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (at + HEADER <= stop && (records.isEmpty() || taken < maxBytes)) {
      header.clear();
      readFully(channel, header, at);
      int length = header.getInt(0);
      if (length < 0 || length > MAX_PAYLOAD || at + HEADER + length > stop) {
        throw new IOException("the log is damaged at position " + (base + at) + " in " + path);
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(channel, payload, at + HEADER);
      if (checksum(header.array(), payload.array()) != header.getInt(4)) {
        throw new IOException("a log record's checksum does not match at position " + (base + at) + " in " + path);
      }
      long next = at + HEADER + length;
      records.add(new LogRecord(base + at, base + next, header.getLong(8), header.getInt(16), payload.array()));
      taken += length;
      at = next;
    }
    return records;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("unexpected end of a log segment");
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
