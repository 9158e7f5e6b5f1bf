package dev.parley.server.log;

import dev.parley.server.ingest.SinkUnavailableException;
import dev.parley.server.ingest.Submission;
import dev.parley.server.metrics.Metrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ingest log: segment files in {@code <data dir>/log/}, appended by one writer
 * thread with group commit. The thread takes every request queued while the previous fsync
 * ran, writes them, fsyncs once, then completes all their futures: each request waits for at
 * most one fsync besides its own.
 *
 * <p>Bounded twice: appends wait in memory up to {@code maxQueuedBytes}, and the files hold at
 * most {@code maxBytes}; past either, appends fail at once with a
 * {@link SinkUnavailableException} (503 with Retry-After) and nothing acknowledged is touched.
 * A disk that refuses a write fails that group the same way; the file is cut back to its last
 * whole record and the next group tries again. Thread-safe.
 */
public final class FileLog implements IngestLog {
  /** The log's folder inside the data directory. */
  public static final String DIR = "log";
  private static final Logger log = LoggerFactory.getLogger(FileLog.class);
  private static final double[] FSYNC_BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5};
  private static final int MAX_GROUP_BYTES = 16 << 20;

  /** Settings of a file log. */
  public record Settings(long maxBytes, long segmentBytes, long maxQueuedBytes) {
    /** 1 GiB on disk, 64 MiB segments, 64 MiB waiting in memory. */
    public static Settings defaults() {
      return new Settings(1L << 30, 64L << 20, 64L << 20);
    }

    public Settings withMaxBytes(long bytes) {
      return new Settings(bytes, segmentBytes, maxQueuedBytes);
    }

    public Settings withSegmentBytes(long bytes) {
      return new Settings(maxBytes, bytes, maxQueuedBytes);
    }
  }

  private sealed interface Request permits Append, Roll {}

  private record Append(byte[] payload, int events, CompletableFuture<Void> done) implements Request {}

  private record Roll(CompletableFuture<Long> done) implements Request {}

  private final Path dir;
  private final Settings settings;
  private final long segmentLimit;
  private final Clock clock;
  private final Metrics metrics;
  private final ConcurrentSkipListMap<Long, Segment> segments;
  /** Segments a trim took out but could not delete: deleted at the next trim (the loader's thread only). */
  private final Set<Path> undeleted = new LinkedHashSet<>();
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Object endChanged = new Object();
  /** Orders the closing flag against queue additions: nothing is queued after the writer's last look. */
  private final Object admission = new Object();
  private final Thread thread;
  private volatile Segment active;
  private volatile long end;
  private boolean closing;
  private boolean writeFailing;

  private FileLog(Path dir, Settings settings, Clock clock, Metrics metrics,
      ConcurrentSkipListMap<Long, Segment> segments) {
    this.dir = dir;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.segments = segments;
    // A quarter of the size limit at most: the active segment is never trimmed, so it must
    // leave room for the loaded ones to be removed while the log is near its limit.
    this.segmentLimit = Math.min(settings.segmentBytes(), settings.maxBytes() / 4);
    this.active = segments.lastEntry().getValue();
    this.end = active.end();
    this.thread = new Thread(this::run, "parley-log");
    metrics.describe("parley_log_bytes", "Bytes the ingest log holds on disk.");
    metrics.gauge("parley_log_bytes", this::bytes);
    metrics.describe("parley_log_fsync_seconds", "Time of one group commit of the ingest log (write and fsync).");
    metrics.describe("parley_log_refused_total", "Appends the ingest log refused, by reason.");
  }

  /**
   * Opens (or creates) the log of a data directory and starts its writer thread. Every
   * segment is checked; a torn or corrupt tail is cut and logged.
   *
   * @param loadedThrough the store's position: where a new log starts, and below which old
   *     segments are already loaded
   */
  public static FileLog open(Path dataDir, long loadedThrough, Settings settings, Clock clock, Metrics metrics)
      throws IOException {
    Path dir = dataDir.resolve(DIR);
    Files.createDirectories(dir);
    ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    try {
      Segment.openAll(dir, segments);
      if (segments.isEmpty() || segments.lastEntry().getValue().end() < loadedThrough) {
        if (!segments.isEmpty()) {
          log.warn("ingest log ends at {} but the store has loaded through {}: starting a new segment there",
              segments.lastEntry().getValue().end(), loadedThrough);
        }
        segments.put(loadedThrough, Segment.create(dir, loadedThrough));
        Segment.syncDirectory(dir);
      } else if (segments.firstKey() > loadedThrough) {
        log.error("ingest log starts at {} but the store has loaded only through {}: the records between are missing",
            segments.firstKey(), loadedThrough);
      }
    } catch (IOException | RuntimeException e) {
      for (Segment segment : segments.values()) {
        segment.close();
      }
      throw e;
    }
    FileLog fileLog = new FileLog(dir, settings, clock, metrics, segments);
    fileLog.thread.start();
    return fileLog;
  }

  @Override
  public CompletableFuture<Void> submit(Submission submission) {
    byte[] payload = SubmissionCodec.encode(submission);
    CompletableFuture<Void> done = new CompletableFuture<>();
    long size = payload.length + (long) Segment.HEADER;
    synchronized (admission) {
      if (closing) {
        return refuse(done, "closing", new SinkUnavailableException("the collector is shutting down", 5, null));
      }
      if (bytes() + queuedBytes.get() + size > settings.maxBytes()) {
        return refuse(done, "full", new SinkUnavailableException("the ingest log is full ("
            + settings.maxBytes() + " bytes) while the store catches up", 5, null));
      }
      if (queuedBytes.get() + size > settings.maxQueuedBytes()) {
        return refuse(done, "queue_full", new SinkUnavailableException("the ingest log's queue is full", 1, null));
      }
      queuedBytes.addAndGet(size);
      queue.add(new Append(payload, submission.events().size(), done));
    }
    return done;
  }

  private <T> CompletableFuture<T> refuse(CompletableFuture<T> done, String reason, SinkUnavailableException e) {
    metrics.count("parley_log_refused_total", "reason=\"" + reason + "\"", 1);
    done.completeExceptionally(e);
    return done;
  }

  @Override
  public CompletableFuture<Long> roll() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    synchronized (admission) {
      if (closing) {
        done.completeExceptionally(new SinkUnavailableException("the collector is shutting down", 5, null));
        return done;
      }
      queue.add(new Roll(done));
    }
    return done;
  }

  private void run() {
    try {
      while (true) {
        Request first = queue.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          synchronized (admission) {
            if (closing && queue.isEmpty()) {
              return;
            }
          }
          continue;
        }
        if (first instanceof Roll roll) {
          roll(roll);
          continue;
        }
        List<Append> group = new ArrayList<>();
        group.add((Append) first);
        long bytes = ((Append) first).payload().length + Segment.HEADER;
        while (bytes < MAX_GROUP_BYTES && queue.peek() instanceof Append next) {
          group.add((Append) queue.poll());
          bytes += next.payload().length + Segment.HEADER;
        }
        write(group, bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Request left;
      while ((left = queue.poll()) != null) {
        SinkUnavailableException stopped = new SinkUnavailableException("the collector is shutting down", 5, null);
        if (left instanceof Append append) {
          queuedBytes.addAndGet(-(append.payload().length + Segment.HEADER));
          append.done().completeExceptionally(stopped);
        } else {
          ((Roll) left).done().completeExceptionally(stopped);
        }
      }
    }
  }

  private void write(List<Append> group, long bytes) {
    long start = System.nanoTime();
    Segment segment = active;
    long keep = segment.size();
    try {
      if (keep > 0 && keep + bytes > segmentLimit) {
        segment = startSegment();
        keep = 0;
      }
      ByteBuffer[] buffers = new ByteBuffer[group.size() * 2];
      long now = clock.millis();
      for (int i = 0; i < group.size(); i++) {
        Append append = group.get(i);
        buffers[2 * i] = ByteBuffer.wrap(Segment.header(append.payload(), now, append.events()));
        buffers[2 * i + 1] = ByteBuffer.wrap(append.payload());
      }
      segment.append(buffers, bytes);
      segment.force();
      publishEnd(segment.end());
      if (writeFailing) {
        log.info("the ingest log writes again");
        writeFailing = false;
      }
      queuedBytes.addAndGet(-bytes);
      metrics.observe("parley_log_fsync_seconds", FSYNC_BOUNDS, (System.nanoTime() - start) / 1e9);
      group.forEach(a -> a.done().complete(null));
    } catch (IOException | RuntimeException e) {
      try {
        segment.cutTo(keep);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      }
      if (!writeFailing) {
        log.warn("the ingest log cannot write (answering 503 until it can): {}", e.toString());
        writeFailing = true;
      }
      queuedBytes.addAndGet(-bytes);
      metrics.count("parley_log_refused_total", "reason=\"write_failed\"", group.size());
      SinkUnavailableException failure = new SinkUnavailableException("the ingest log cannot write now", 5, e);
      group.forEach(a -> a.done().completeExceptionally(failure));
    }
  }

  private void roll(Roll roll) {
    try {
      if (active.size() > 0) {
        startSegment();
      }
      roll.done().complete(active.base);
    } catch (IOException | RuntimeException e) {
      roll.done().completeExceptionally(e);
    }
  }

  /** Closes the active segment (already forced) and starts the next one at its end. */
  private Segment startSegment() throws IOException {
    Segment old = active;
    old.force();
    Segment next = Segment.create(dir, old.end());
    Segment.syncDirectory(dir);
    segments.put(next.base, next);
    active = next;
    return next;
  }

  private void publishEnd(long position) {
    synchronized (endChanged) {
      end = position;
      endChanged.notifyAll();
    }
  }

  @Override
  public List<LogRecord> read(long from, int maxBytes) throws IOException {
    long limit = end;
    long at = Math.max(from, segments.firstKey());
    while (at < limit) {
      Map.Entry<Long, Segment> entry = segments.floorEntry(at);
      Segment segment = entry.getValue();
      if (at < segment.end()) {
        return segment.read(at, limit, maxBytes);
      }
      Long nextBase = segments.higherKey(segment.base);
      if (nextBase == null) {
        break;
      }
      at = nextBase;
    }
    return List.of();
  }

  @Override
  public long end() {
    return end;
  }

  @Override
  public long start() {
    return segments.firstKey();
  }

  @Override
  public boolean awaitEnd(long position, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (endChanged) {
      while (end <= position) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        endChanged.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  @Override
  public void trim(long position) throws IOException {
    IOException failed = null;
    for (Path left : List.copyOf(undeleted)) { // files an earlier trim could not remove
      try {
        Files.deleteIfExists(left);
        undeleted.remove(left);
      } catch (IOException e) {
        failed = e;
      }
    }
    for (Segment segment : segments.values()) {
      if (segment == active || segment.end() > position) {
        break;
      }
      segments.remove(segment.base); // wholly loaded: nothing reads it again
      try {
        segment.close();
      } catch (IOException e) {
        failed = e; // the file goes all the same
      }
      try {
        Files.deleteIfExists(segment.path);
      } catch (IOException e) {
        undeleted.add(segment.path); // tried again at the next trim, so its text does not stay behind
        failed = e;
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  @Override
  public long bytes() {
    long total = 0;
    for (Segment segment : segments.values()) {
      total += segment.size();
    }
    return total;
  }

  /** Stops taking appends, writes what is queued, and closes the files. */
  @Override
  public void close() {
    synchronized (admission) {
      closing = true;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Segment segment : segments.values()) {
      try {
        segment.close();
      } catch (IOException e) {
        log.warn("cannot close {}: {}", segment.path, e.toString());
      }
    }
  }
}
