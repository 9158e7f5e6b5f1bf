package dev.parley.server.topics;

import dev.parley.server.metrics.Metrics;
import dev.parley.server.store.DerivedWrite;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps topics current, in the background: reads the events the loader stored, embeds each
 * new conversation's first user message and puts it in its nearest topic at once, remakes
 * topic names after an erasure, and recomputes the topics when they are due (the first time
 * once {@link Settings#minConversations} conversations with text exist, then when their number
 * has grown by {@link Settings#growth} or {@link Settings#every} has passed) or asked
 * ({@link #recompute}).
 *
 * <p>Ingest never waits on it: it only reads the store and writes its own tables between the
 * loader's transactions, in bounded steps ({@link Settings#scanChunk} events at a time), and
 * embeds on one thread for at most {@link Settings#busyShare} of its time; its backlog is the
 * {@code parley_topics_backlog_events} gauge. One thread, which {@link #close} stops.
 */
public final class TopicWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicWorker.class);

  /** How the worker paces itself. */
  public record Settings(int scanChunk, int embedBatch, Duration idle, int minConversations, double growth,
      Duration minInterval, Duration every, long seed, double busyShare, double busyMachine, double busyMachineShare) {
    public static Settings defaults() {
      return new Settings(20_000, 32, Duration.ofSeconds(2), TopicModel.MIN_CONVERSATIONS, 1.25,
          Duration.ofMinutes(10), Duration.ofHours(24), 42, 0.2, 0.35, 0.01);
    }
  }

  /**
   * Writes the worker's tables in one transaction of the store: the embedded store's write
   * connection ({@link dev.parley.server.store.DuckDbStore#writeDerived}), or a connection of
   * the shared store's own, whose transaction also orders the write against erasures.
   */
  @FunctionalInterface
  public interface Writer {
    <T> T write(DerivedWrite<T> work);
  }

  /**
   * Whether this worker may work now. The embedded store has one worker; in cluster mode every
   * server with the read role runs one, and only the one that holds the cluster's lease works:
   * the others wait to take it over.
   */
  @FunctionalInterface
  public interface Lease {
    /** The one worker of its store. */
    Lease SOLE = () -> true;

    /** Whether this worker holds the lease, taking it when free. */
    boolean held();
  }

  /** Why a recomputation asked of a worker that does not hold the lease is not made here. */
  public static final class NotLeader extends IllegalStateException {
    NotLeader() {
      super("another server of this cluster finds the topics (it holds their lease); ask it with"
          + " POST /api/v1/topics/recompute, or wait for its next computation");
    }
  }

  /** What a recomputation did: the topics made and from how many conversations, or why none. */
  public record Recomputed(boolean computed, int topics, long conversations, String reason, Duration took) {}

  private final TopicStore store;
  private final Writer writer;
  private final TextEmbedder embedder;
  private final Clock clock;
  private final Settings settings;
  private final Semaphore wake = new Semaphore(0);
  private final ConcurrentLinkedQueue<CompletableFuture<Recomputed>> requests = new ConcurrentLinkedQueue<>();
  private static final long CLOSE_WAIT_SECONDS = 60;

  private volatile boolean closed;
  private volatile long backlog;
  private volatile int topicCount;
  private List<TopicStore.StoredTopic> topics;
  private Thread thread;
  private final Metrics metrics;
  private final EmbedPacing pacing;
  private final Lease lease;
  private final TopicUpkeep upkeep;

  public TopicWorker(TopicStore store, Writer writer, TextEmbedder embedder, Metrics metrics, Clock clock,
      Settings settings) {
    this(store, writer, embedder, metrics, clock, settings, EmbedPacing::systemCpuLoad);
  }

  /**
   * @param machineLoad the share (0 to 1) of the machine's CPU in use lately; above {@link
   *     Settings#busyMachine} the worker embeds for only {@link Settings#busyMachineShare} of its time
   */
  public TopicWorker(TopicStore store, Writer writer, TextEmbedder embedder, Metrics metrics, Clock clock,
      Settings settings, DoubleSupplier machineLoad) {
    this(store, writer, Lease.SOLE, embedder, metrics, clock, settings, machineLoad);
  }

  /** A worker that works only while {@code lease} is held: one of several on a shared store. */
  public TopicWorker(TopicStore store, Writer writer, Lease lease, TextEmbedder embedder, Metrics metrics, Clock clock,
      Settings settings, DoubleSupplier machineLoad) {
    this.lease = Objects.requireNonNull(lease, "lease == null");
    this.pacing = new EmbedPacing(settings, Objects.requireNonNull(machineLoad, "machineLoad == null"));
    this.store = Objects.requireNonNull(store, "store == null");
    this.writer = Objects.requireNonNull(writer, "writer == null");
    this.embedder = Objects.requireNonNull(embedder, "embedder == null");
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.upkeep = new TopicUpkeep(store, writer, clock, settings);
    metrics.describe("parley_topics_backlog_events", "Stored events the topic worker has not read yet (on PostgreSQL:"
        + " conversations).");
    metrics.gauge("parley_topics_backlog_events", () -> backlog);
    metrics.describe("parley_topics", "Topics found in the conversations.");
    metrics.gauge("parley_topics", () -> topicCount);
    metrics.describe("parley_topics_embedded_conversations_total", "Conversations whose first message was embedded.");
    metrics.count("parley_topics_embedded_conversations_total", "", 0);
  }

  /** The machine's recent CPU load (0 to 1), as the worker paces itself by it unless told otherwise. */
  public static DoubleSupplier machineLoad() {
    return EmbedPacing::systemCpuLoad;
  }

  /** Starts the background thread. */
  public TopicWorker start() {
    thread = new Thread(this::run, "parley-topics");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return this;
  }

  /** Asks for the topics to be computed now; completes when they are (or when there are too few conversations). */
  public CompletableFuture<Recomputed> recompute() {
    CompletableFuture<Recomputed> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("the topic worker is stopped"));
      return done;
    }
    requests.add(done);
    wake.release();
    return done;
  }

  /** Stored events not read yet, as of the last step. */
  public long backlog() {
    return backlog;
  }

  private void run() {
    boolean warm = false;
    while (!closed) {
      try {
        if (!warm && lease.held()) {
          // The model loads now, not in the middle of the first traffic (about 2 s of a core and
          // 150 MB: batch-1 ingest lost 14-19% with topics on when it loaded there,
          // docs/BENCHMARKS.md); on a shared store, only on the server that works.
          // Safe to stop meanwhile: close() waits for this thread.
          warm = true;
          try {
            embedder.embed(List.of("warm up"));
          } catch (RuntimeException | Error e) {
            log.warn("topics: the embedding model did not load: {}", e.toString());
          }
        }
        if (!step()) {
          wake.tryAcquire(settings.idle().toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | SQLException | Error e) {
        if (closed) {
          return;
        }
        log.warn("topics: {} (retrying in {})", e.toString(), settings.idle());
        failRequests(e);
        try {
          Thread.sleep(settings.idle().toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * One bounded piece of work; tests call it directly instead of {@link #start}.
   *
   * @return whether more work is waiting
   */
  public boolean step() throws SQLException {
    if (!lease.held()) {
      failRequests(new NotLeader());
      backlog = 0; // the server that works reports them: summed over the cluster, they are its
      topicCount = 0;
      return false;
    }
    topics = store.topics(); // a few rows; an erasure may have cleared their names since the last step
    topicCount = topics.size();
    if (!requests.isEmpty()) {
      while (scanNext()) {
        // everything stored before the request is in the topics it asks for
      }
      if (closed) { // the scan stopped short: no answer from part of it, and no long work while closing
        failRequests(new IllegalStateException("the topic worker is stopped"));
        return false;
      }
      Recomputed result = recomputeNow();
      CompletableFuture<Recomputed> request;
      while ((request = requests.poll()) != null) {
        request.complete(result);
      }
      return true;
    }
    if (scanNext()) {
      return true;
    }
    if (closed) { // nothing more once closing: close() waits for this thread
      return false;
    }
    if (upkeep.assignUnassigned(topics)) {
      return true;
    }
    if (topics.stream().anyMatch(t -> t.label() == null)) {
      upkeep.rename(topics);
      topics = store.topics();
      return true;
    }
    if (upkeep.due(topics)) {
      Recomputed result = recomputeNow();
      log.info("topics: {} from {} conversations in {} ms", result.topics(), result.conversations(),
          result.took().toMillis());
    }
    return false;
  }

  /** Runs {@link #step} until nothing is left to do (tests). */
  public void runUntilIdle() throws SQLException {
    while (step()) {
      // next step
    }
  }

  private boolean scanNext() throws SQLException {
    java.util.Optional<TopicStore.Unread> next = store.unread(settings.scanChunk());
    if (next.isEmpty()) {
      backlog = 0;
      return false;
    }
    TopicStore.Unread unread = next.get();
    backlog = unread.backlog();
    List<TopicStore.FirstMessage> firsts = unread.firsts();
    List<TopicStore.NewDoc> docs = new ArrayList<>(firsts.size());
    float[][] centroids = TopicUpkeep.centroids(topics);
    for (int from = 0; from < firsts.size(); from += settings.embedBatch()) {
      if (closed) {
        return false; // the piece is read again on the next start
      }
      List<TopicStore.FirstMessage> batch = firsts.subList(from, Math.min(firsts.size(), from + settings.embedBatch()));
      List<String> texts = batch.stream().map(TopicStore.FirstMessage::text).filter(Objects::nonNull).toList();
      long started = System.nanoTime();
      List<float[]> vectors = texts.isEmpty() ? List.of() : embedder.embed(texts);
      pace(System.nanoTime() - started);
      int v = 0;
      for (TopicStore.FirstMessage m : batch) {
        if (m.text() == null) {
          docs.add(new TopicStore.NewDoc(m.conversationId(), m.seq(), null, null));
        } else {
          float[] vector = vectors.get(v++);
          int nearest = Vectors.nearest(vector, centroids);
          docs.add(new TopicStore.NewDoc(m.conversationId(), m.seq(), vector,
              nearest < 0 ? null : topics.get(nearest).id()));
        }
      }
    }
    Instant at = clock.instant();
    int inserted = writer.write(c -> store.writes().markRead(c, unread, docs, at));
    metrics.count("parley_topics_embedded_conversations_total", "", inserted);
    backlog = unread.backlogAfter();
    return true;
  }

  /** Rests after {@code busyNanos} of embedding as {@link EmbedPacing} says; not while a recompute is asked for. */
  private void pace(long busyNanos) {
    long rest = pacing.restNanos(busyNanos);
    if (rest <= 0 || !requests.isEmpty() || closed) {
      return;
    }
    try {
      wake.tryAcquire(rest, TimeUnit.NANOSECONDS); // a recompute request or close ends the rest
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Recomputed recomputeNow() throws SQLException {
    Recomputed result = upkeep.recompute(topics.size());
    if (result.computed()) {
      topics = store.topics();
      topicCount = topics.size();
    }
    return result;
  }

  private void failRequests(Throwable e) {
    CompletableFuture<Recomputed> request;
    while ((request = requests.poll()) != null) {
      request.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    closed = true;
    wake.release();
    if (thread != null) {
      thread.interrupt();
      try {
        // Native code (the model) does not stop on interrupt; the thread must be out of it before
        // the JVM shuts down, so this waits for the batch at hand, however slow the machine.
        thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        if (thread.isAlive()) {
          log.warn("topics: the worker is still embedding after {} s; closing without it", CLOSE_WAIT_SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    failRequests(new IllegalStateException("the topic worker is stopped"));
  }
}
