package dev.parley.sdk.internal;

import dev.parley.spec.SegmentLimits;
import dev.parley.sdk.Failure;
import dev.parley.sdk.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the machinery together and is the only way in: callers {@link #enqueue} encoded
 * messages (cheap, lock-free apart from the queue's own), and the pipeline batches,
 * delivers, retries, spools and reports.
 *
 * <p>Threads: {@code parley-batcher} owns the batch being filled, {@code parley-delivery}
 * handles responses, retries and callbacks, {@code parley-spool} writes overflow to disk.
 * All are daemons. Every wait that can time out (a batch's age, retry backoff, close's
 * timeout) is a timer on the options' {@link TimeSource}. Thread-safe.
 */
public final class Pipeline {
  private static final System.Logger LOG = System.getLogger("dev.parley.sdk");
  /** How long close() waits for the batcher after interrupting it, its time being up. */
  private static final long BATCHER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** The least close() waits for the spool writer, even past its timeout: the writer holds messages. */
  private static final long SPOOL_WRITER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Options options;
  private final TimeSource time;
  private final Reporter reporter;
  private final BlockingQueue<BatcherCommand> inbox = new LinkedBlockingQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ExecutorService delivery;
  private final ExecutorService httpThreads;
  private final Uploader uploader;
  private final Spool spool;
  private final SpoolWriter spoolWriter;
  private final Batcher batcher;
  private final Thread batcherThread;

  /** Starts the threads; {@code sentAt} stamps each request's {@code sentAt}. */
  public Pipeline(Options options, MessageEncoder sentAt) {
    this.options = options;
    this.time = options.time();
    this.reporter = new Reporter(options.callback());
    this.delivery = Executors.newSingleThreadExecutor(r -> daemon(r, "parley-delivery"));
    // The client's own default executor starts a thread per response on small machines; a
    // fixed pool of daemon threads, one per upload in flight, keeps the thread count flat.
    this.httpThreads = Executors.newFixedThreadPool(options.maxConcurrentUploads(), r -> daemon(r, "parley-http"));
    HttpClient http = HttpClient.newBuilder()
        .executor(httpThreads)
        .connectTimeout(options.requestTimeout())
        // Plain http stays on HTTP/1.1 rather than attempting an h2c upgrade; https negotiates.
        .version("http".equals(options.endpoint().getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .build();
    this.uploader = new Uploader(options, http, delivery, new Sink(), reporter, sentAt);
    Thread spoolThread = null;
    if (options.spoolDirectory().isPresent()) {
      try {
        this.spool = new Spool(options.spoolDirectory().get(), options.flushAt(), SegmentLimits.MAX_BATCH_BYTES,
            time.wallClock());
      } catch (IOException e) {
        delivery.shutdownNow();
        httpThreads.shutdownNow();
        throw new UncheckedIOException("spool directory cannot be opened: " + options.spoolDirectory().get(), e);
      } catch (IllegalStateException e) {
        delivery.shutdownNow();
        httpThreads.shutdownNow();
        throw e;
      }
      this.spoolWriter = new SpoolWriter(spool, reporter, time, Math.max(1_024, options.maxQueueSize()),
          options.flushAt(), options.flushInterval());
      spoolThread = daemon(spoolWriter, "parley-spool");
    } else {
      this.spool = null;
      this.spoolWriter = null;
    }
    this.batcher = new Batcher(inbox, uploader, spool, time, options);
    this.batcherThread = daemon(batcher, "parley-batcher");
    batcherThread.start();
    if (spoolThread != null) {
      spoolThread.start();
    }
  }

  /** Queues a message without blocking; refuses, spools or drops it when it cannot be queued. */
  public void enqueue(EncodedMessage message) {
    if (closed.get()) {
      reporter.dropped(message, failure(Failure.Reason.CLOSED, "the client is closed"));
      return;
    }
    if (message.size() > SegmentLimits.MAX_MESSAGE_BYTES) {
      reporter.dropped(message, failure(Failure.Reason.TOO_LARGE,
          "the message is " + message.size() + " bytes, over the limit of " + SegmentLimits.MAX_MESSAGE_BYTES));
      return;
    }
    if (queued.incrementAndGet() > options.maxQueueSize()) {
      queued.decrementAndGet();
      if (spoolWriter == null || !spoolWriter.offer(message)) {
        reporter.dropped(message, failure(Failure.Reason.QUEUE_FULL,
            "the in-memory queue holds " + options.maxQueueSize() + " messages"));
      }
      return;
    }
    BatcherCommand.Track track = new BatcherCommand.Track(message);
    inbox.add(track);
    if (closed.get() && inbox.remove(track)) {
      queued.decrementAndGet();
      reporter.dropped(message, failure(Failure.Reason.CLOSED, "the client is closed"));
    }
  }

  /** Completes when every message queued before the call is delivered, failed or spooled. */
  public CompletableFuture<Void> flush() {
    if (closed.get()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> spooled = spoolWriter == null ? CompletableFuture.completedFuture(null) : spoolWriter.sync();
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    inbox.add(new BatcherCommand.Flush(delivered));
    if (closed.get()) {
      // close() began meanwhile and settles everything itself; the batcher may never see this.
      delivered.complete(null);
    }
    return CompletableFuture.allOf(spooled, delivered);
  }

  /**
   * Flushes, waits up to {@code timeout} for delivery, then spools (or reports as failed)
   * whatever is still undelivered and stops. Returns true when nothing was left over.
   */
  public boolean close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return true;
    }
    long timeoutNanos = saturatedNanos(timeout);
    long deadline = saturatedAdd(time.nanoTime(), timeoutNanos);
    CompletableFuture<Void> timeUp = new CompletableFuture<>();
    TimeSource.Cancellable timer = time.schedule(() -> timeUp.complete(null), timeoutNanos);
    try {
      inbox.add(new BatcherCommand.Close());
      if (!await(batcher.stopped(), timeUp)) {
        // Out of time: make the batcher hand over its batch now, so that nothing is in its hands.
        batcherThread.interrupt();
        awaitFor(batcher.stopped(), BATCHER_GRACE_NANOS);
      }
      boolean clean = await(uploader.outstanding(true), timeUp);
      List<Batch> abandoned = uploader.abandonAll();
      Failure closing = failure(Failure.Reason.ABANDONED_AT_CLOSE, "close() timed out after " + timeout);
      for (Batch batch : abandoned) {
        onUndelivered(batch, closing);
        batch.done().complete(null);
      }
      List<EncodedMessage> stranded = takeStranded();
      if (!stranded.isEmpty()) {
        Batch rest = new Batch(null);
        stranded.forEach(rest::add);
        onUndelivered(rest, closing);
      }
      if (spoolWriter != null) {
        spoolWriter.stop();
        awaitFor(spoolWriter.finished(), Math.max(deadline - time.nanoTime(), SPOOL_WRITER_GRACE_NANOS));
      }
      return clean && abandoned.isEmpty() && stranded.isEmpty();
    } finally {
      timer.cancel();
      delivery.shutdownNow();
      httpThreads.shutdownNow();
      if (spool != null) {
        spool.close();
      }
    }
  }

  /** Empties the inbox after the batcher stopped: the messages it never took, and flushes to release. */
  private List<EncodedMessage> takeStranded() {
    List<EncodedMessage> stranded = new ArrayList<>();
    for (BatcherCommand command : inbox.toArray(new BatcherCommand[0])) {
      if (command instanceof BatcherCommand.Track track && inbox.remove(track)) {
        stranded.add(track.message());
      } else if (command instanceof BatcherCommand.Flush flush) {
        flush.done().complete(null);
      }
    }
    return stranded;
  }

  /** The counters now. */
  public Stats stats() {
    return new Stats(reporter.delivered(), reporter.failed(), reporter.dropped(), reporter.retried(),
        queued.get(), spool == null ? 0 : spool.waiting());
  }

  /** Receives settled batches from the uploader, on the delivery thread (or the closing one). */
  private final class Sink implements BatchSink {
    @Override
    public void delivered(Batch batch) {
      onDelivered(batch);
    }

    @Override
    public void rejected(Batch batch, Failure failure) {
      onRejected(batch, failure);
    }

    @Override
    public void undelivered(Batch batch, Failure failure) {
      onUndelivered(batch, failure);
    }
  }

  private void onDelivered(Batch batch) {
    reporter.delivered(batch.messages());
    settled(batch, List.of());
    if (spool != null && spool.waiting() > 0 && !closed.get()) {
      inbox.add(new BatcherCommand.ResendSpool());
    }
  }

  private void onRejected(Batch batch, Failure failure) {
    reporter.failed(batch.messages(), failure);
    settled(batch, List.of());
  }

  private void onUndelivered(Batch batch, Failure failure) {
    if (batch.replay() != null) {
      settled(batch, batch.messages());
      return;
    }
    if (spool != null) {
      try {
        spool.write(batch.messages());
        settled(batch, List.of());
        return;
      } catch (IOException e) {
        LOG.log(Level.WARNING, "spool cannot be written: {0}", e.toString());
      }
    }
    reporter.failed(batch.messages(), failure);
    settled(batch, List.of());
  }

  private void settled(Batch batch, List<EncodedMessage> keep) {
    ReplayFile replay = batch.replay();
    if (replay == null) {
      queued.addAndGet(-batch.size());
      return;
    }
    if (!replay.settled(keep)) {
      return;
    }
    List<EncodedMessage> remaining = replay.unresolved();
    try {
      if (remaining.isEmpty()) {
        spool.delete(replay.file(), replay.messages());
      } else if (remaining.size() < replay.messages()) {
        spool.rewrite(replay.file(), remaining, replay.messages());
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "spool file {0} cannot be updated: {1}", replay.file(), e.toString());
    }
    inbox.add(new BatcherCommand.ReplayDone(remaining.isEmpty()));
  }

  private static Failure failure(Failure.Reason reason, String detail) {
    return new Failure(reason, OptionalInt.empty(), detail);
  }

  /** Waits for {@code work} until {@code timeUp}; true when the work completed normally. */
  private static boolean await(CompletableFuture<?> work, CompletableFuture<Void> timeUp) {
    try {
      CompletableFuture.anyOf(work, timeUp).get();
    } catch (ExecutionException e) {
      // The work failed; reported below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return work.isDone() && !work.isCompletedExceptionally();
  }

  /** Waits for {@code work} for {@code nanos} on the time source; true when it completed normally. */
  private boolean awaitFor(CompletableFuture<?> work, long nanos) {
    CompletableFuture<Void> timeUp = new CompletableFuture<>();
    TimeSource.Cancellable timer = time.schedule(() -> timeUp.complete(null), nanos);
    try {
      return await(work, timeUp);
    } finally {
      timer.cancel();
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
