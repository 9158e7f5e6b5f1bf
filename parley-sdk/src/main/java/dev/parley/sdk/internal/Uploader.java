package dev.parley.sdk.internal;

import dev.parley.sdk.Failure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends batches to {@code POST {endpoint}/v1/batch} without blocking anyone: at most
 * {@code maxConcurrent} requests in flight, retries on timers of the {@link TimeSource}
 * that hand the batch back to the delivery thread (a batch waiting for its retry holds no
 * slot, so it never delays other batches), a 413 split into halves, and every settled
 * batch reported once to the {@link BatchSink}.
 *
 * <p>Thread-safe. Responses and retries are handled on the single delivery thread.
 */
final class Uploader {
  private static final System.Logger LOG = System.getLogger("dev.parley.sdk");

  private final HttpClient http;
  private final URI uri;
  private final String authorization;
  private final Duration requestTimeout;
  private final RetryPolicy policy;
  private final Executor delivery;
  private final TimeSource time;
  private final BatchSink sink;
  private final Reporter reporter;
  private final MessageEncoder sentAt;
  private final int maxConcurrent;
  private final Set<Batch> outstanding = ConcurrentHashMap.newKeySet();
  /** The timers of batches waiting to be resent, cancelled when close() abandons them. */
  private final Map<Batch, TimeSource.Cancellable> retryTimers = new ConcurrentHashMap<>();
  private final ArrayDeque<Batch> waiting = new ArrayDeque<>();
  private int inFlight;

  /** {@code sentAt} stamps each attempt's {@code sentAt}; responses are handled on {@code delivery}. */
  Uploader(Options options, HttpClient http, Executor delivery, BatchSink sink, Reporter reporter,
      MessageEncoder sentAt) {
    this.http = http;
    String base = options.endpoint().toString();
    this.uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/batch");
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((options.writeKey() + ":").getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = options.requestTimeout();
    this.policy = new RetryPolicy(options.minBackoff(), options.maxBackoff(), options.maxRetries());
    this.delivery = delivery;
    this.time = options.time();
    this.sink = sink;
    this.reporter = reporter;
    this.sentAt = sentAt;
    this.maxConcurrent = options.maxConcurrentUploads();
  }

  /** Takes charge of a new batch until it is settled. */
  void submit(Batch batch) {
    outstanding.add(batch);
    enqueue(batch);
  }

  /** Completion of every batch not yet settled; fresh ones only unless {@code withReplays}. */
  CompletableFuture<Void> outstanding(boolean withReplays) {
    return CompletableFuture.allOf(outstanding.stream()
        .filter(b -> withReplays || b.replay() == null)
        .map(Batch::done)
        .toArray(CompletableFuture[]::new));
  }

  /** Settles every batch still out (in flight, waiting or between retries); returns them oldest first. */
  List<Batch> abandonAll() {
    synchronized (waiting) {
      waiting.clear();
    }
    retryTimers.values().forEach(TimeSource.Cancellable::cancel);
    retryTimers.clear();
    List<Batch> abandoned = new ArrayList<>();
    for (Batch batch : List.copyOf(outstanding)) {
      if (batch.settle()) {
        outstanding.remove(batch);
        abandoned.add(batch);
      }
    }
    abandoned.sort(Comparator.comparingLong(Batch::sequence));
    return abandoned;
  }

  private void enqueue(Batch batch) {
    synchronized (waiting) {
      if (inFlight >= maxConcurrent) {
        waiting.add(batch);
        return;
      }
      inFlight++;
    }
    send(batch);
  }

  private void release() {
    Batch next;
    synchronized (waiting) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    send(next);
  }

  private void send(Batch batch) {
    if (batch.isSettled()) {
      release();
      return;
    }
    batch.attempt();
    try {
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(requestTimeout)
          .header("Authorization", authorization)
          .header("Content-Type", "application/json")
          .header("User-Agent", LibraryInfo.NAME + "/" + LibraryInfo.VERSION)
          .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body(sentAt.now())))
          .build();
      http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .whenCompleteAsync((response, error) -> handleSafely(batch, response, error), delivery);
    } catch (RuntimeException e) {
      runOnDelivery(() -> handleSafely(batch, null, e));
    }
  }

  private void handleSafely(Batch batch, HttpResponse<String> response, Throwable error) {
    try {
      handle(batch, response, error);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "handling a response failed", e);
      batch.done().complete(null);
    }
  }

  private void handle(Batch batch, HttpResponse<String> response, Throwable error) {
    release();
    if (batch.isSettled()) {
      return;
    }
    if (error != null) {
      retryOrGiveUp(batch, Optional.empty(), OptionalInt.empty(), "network error: " + error);
      return;
    }
    int status = response.statusCode();
    OptionalInt code = OptionalInt.of(status);
    if (status >= 200 && status < 300) {
      finish(batch, () -> sink.delivered(batch));
    } else if (status == 413 && batch.size() > 1) {
      split(batch);
    } else if (RetryPolicy.isRetryable(status)) {
      Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(
          response.headers().firstValue("Retry-After"), time.wallClock().instant());
      retryOrGiveUp(batch, retryAfter, code, describe(status, response.body()));
    } else {
      Failure failure = new Failure(Failure.Reason.REJECTED, code, describe(status, response.body()));
      finish(batch, () -> sink.rejected(batch, failure));
    }
  }

  private void retryOrGiveUp(Batch batch, Optional<Duration> retryAfter, OptionalInt status, String why) {
    if (!policy.mayRetry(batch.attempts())) {
      Failure failure = new Failure(Failure.Reason.RETRIES_EXHAUSTED, status,
          "gave up after " + batch.attempts() + " attempts; last: " + why);
      finish(batch, () -> sink.undelivered(batch, failure));
      return;
    }
    reporter.retried(batch.size());
    Duration delay = policy.delay(batch.attempts(), retryAfter);
    retryTimers.put(batch, time.schedule(() -> {
      retryTimers.remove(batch);
      runOnDelivery(() -> enqueue(batch));
    }, delay.toNanos()));
  }

  private void split(Batch batch) {
    if (!batch.settle()) {
      return;
    }
    retryTimers.remove(batch);
    List<Batch> halves = batch.halves();
    if (batch.replay() != null) {
      batch.replay().split();
    }
    halves.forEach(this::submit);
    outstanding.remove(batch);
    CompletableFuture.allOf(halves.get(0).done(), halves.get(1).done())
        .whenComplete((ignored, error) -> batch.done().complete(null));
  }

  private void finish(Batch batch, Runnable report) {
    if (!batch.settle()) {
      return;
    }
    // A timer that fired before it was recorded leaves its entry behind; it goes here.
    retryTimers.remove(batch);
    outstanding.remove(batch);
    try {
      report.run();
    } finally {
      batch.done().complete(null);
    }
  }

  private void runOnDelivery(Runnable task) {
    try {
      delivery.execute(task);
    } catch (RejectedExecutionException closing) {
      // close() settles what is left.
    }
  }

  private static String describe(int status, String body) {
    String text = body == null ? "" : body.strip();
    return "HTTP " + status + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
  }
}
