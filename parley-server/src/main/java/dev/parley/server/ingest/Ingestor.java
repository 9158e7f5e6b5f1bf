package dev.parley.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.config.KeyStore;
import dev.parley.server.config.Source;
import dev.parley.server.config.ValidationMode;
import dev.parley.server.metrics.Metrics;
import dev.parley.server.privacy.ContentPolicies;
import dev.parley.server.privacy.Suppressions;
import dev.parley.spec.MessageType;
import dev.parley.spec.SegmentLimits;
import dev.parley.spec.privacy.ContentPolicy;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The ingest path, without HTTP: read and limit a body, authenticate its source, normalise
 * and validate each message, apply the source's validation mode, and hand the result to
 * the {@link EventSink}. The HTTP handlers and {@code parley import} both go through it.
 * Thread-safe.
 */
public final class Ingestor {
  /**
   * The most characters the messages of one request may come to as stored: 16 times a full
   * batch, so a batch-level {@code context}, copied into each message, cannot multiply a
   * request into more than the log and the heap should hold at once.
   */
  static final int MAX_STORED_REQUEST_CHARS = 16 * SegmentLimits.MAX_BATCH_BYTES;
  private final ObjectMapper json;
  private final KeyStore keys;
  private final ValidationMode defaultMode;
  private final EventSink sink;
  private final Metrics metrics;
  private final Clock clock;
  private final RateLimiter rateLimiter;
  private final RequestParser parser;
  private final Normaliser normaliser;
  private final ContentPolicies content;
  private final Suppressions suppressions;

  public Ingestor(ObjectMapper json, KeyStore keys, ValidationMode defaultMode, EventSink sink, Metrics metrics,
      Clock clock, RateLimiter rateLimiter) {
    this(json, keys, defaultMode, sink, metrics, clock, rateLimiter, ContentPolicies.keepAll(), new Suppressions());
  }

  /**
   * An ingest path that applies each source's content policy before anything is stored, and
   * acknowledges but discards the messages of suppressed (erased) users.
   */
  public Ingestor(ObjectMapper json, KeyStore keys, ValidationMode defaultMode, EventSink sink, Metrics metrics,
      Clock clock, RateLimiter rateLimiter, ContentPolicies content, Suppressions suppressions) {
    this.content = content;
    this.suppressions = suppressions;
    metrics.describe("parley_events_suppressed_total", "Messages of erased users, acknowledged and discarded.");
    this.json = json;
    this.keys = keys;
    this.defaultMode = defaultMode;
    this.sink = sink;
    this.metrics = metrics;
    this.clock = clock;
    this.rateLimiter = rateLimiter;
    this.parser = new RequestParser(json);
    this.normaliser = new Normaliser(json);
  }

  ObjectMapper json() {
    return json;
  }

  /**
   * The answer to a request that can be given before its body is read: 401 when its
   * {@code Authorization} header names a key that is unknown or revoked.
   */
  Optional<IngestResult> refuseUnread(Optional<String> headerKey) {
    if (headerKey.isPresent() && headerKey.flatMap(keys::byWriteKey).isEmpty()) {
      return Optional.of(refuse(Rejection.unauthorized("unknown or revoked write key")).join());
    }
    return Optional.empty();
  }

  /** One HTTP request's body, as sent (compressed when {@code contentEncoding} says so), to the stored events. */
  CompletableFuture<IngestResult> ingest(Endpoint endpoint, byte[] body, String contentEncoding,
      Optional<String> headerKey) {
    Instant receivedAt = clock.instant();
    try {
      Optional<Source> headerSource = headerKey.flatMap(keys::byWriteKey);
      if (headerKey.isPresent() && headerSource.isEmpty()) {
        return refuse(Rejection.unauthorized("unknown or revoked write key"));
      }
      byte[] bytes = BodyReader.read(new ByteArrayInputStream(body), contentEncoding, endpoint.byteLimit(),
          endpoint.byteLimitName());
      ParsedRequest request = parser.parse(bytes, endpoint);
      Optional<Source> source = headerSource.or(() -> request.writeKey().flatMap(keys::byWriteKey));
      if (source.isEmpty()) {
        return rejected(Rejection.unauthorized(request.writeKey().isPresent() || headerKey.isPresent()
            ? "unknown or revoked write key"
            : "no write key: send it as the HTTP Basic user name or as \"writeKey\" in the body"),
            request.messages().size());
      }
      OptionalInt wait = rateLimiter.take(source.get().id(), request.messages().size());
      if (wait.isPresent()) {
        return rejected(Rejection.rateLimited("over the rate limit of this source; retry after "
            + wait.getAsInt() + " s", wait.getAsInt()), request.messages().size());
      }
      return submit(source.get(), request, endpoint.impliedType(), receivedAt);
    } catch (RejectedException e) {
      return refuse(e.rejection());
    } catch (IOException e) {
      return refuse(Rejection.badRequest("the body could not be read: " + e.getMessage()));
    }
  }

  /**
   * Messages of a known source, as a batch without shared fields (used by {@code parley import}).
   * Their times are kept as written: an exported event keeps its {@code timestamp},
   * {@code originalTimestamp} and {@code receivedAt}.
   */
  public CompletableFuture<IngestResult> ingest(Source source, List<JsonNode> messages) {
    ParsedRequest request = new ParsedRequest(messages, json.createObjectNode(), Optional.empty(), true);
    return submit(source, request, Optional.empty(), clock.instant());
  }

  /** The active source a write key belongs to; empty for a key that is unknown or revoked. */
  public Optional<Source> source(String writeKey) {
    return keys.byWriteKey(writeKey);
  }

  /**
   * Messages the collector derived from another format (OTLP spans) for an authenticated source:
   * rate limited as a request of that many messages, then the same path as Segment's (content
   * mode, validation, suppression, the log). Their times are kept as derived (a span's own
   * start and end; OTLP has no {@code sentAt} to correct a client's clock against) and
   * {@code receivedAt} is stamped now.
   */
  public CompletableFuture<IngestResult> ingestDerived(Source source, List<JsonNode> messages) {
    OptionalInt wait = rateLimiter.take(source.id(), messages.size());
    if (wait.isPresent()) {
      return rejected(Rejection.rateLimited("over the rate limit of this source; retry after "
          + wait.getAsInt() + " s", wait.getAsInt()), messages.size());
    }
    return ingest(source, messages);
  }

  private CompletableFuture<IngestResult> submit(Source source, ParsedRequest request,
      Optional<MessageType> impliedType, Instant receivedAt) {
    ValidationMode mode = source.validation(defaultMode);
    ContentPolicy policy = content.forSource(source);
    List<NormalisedEvent> events = new ArrayList<>(request.messages().size());
    List<RefusedMessage> refused = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int status = 400;
    long storedChars = 0;
    for (int i = 0; i < request.messages().size(); i++) {
      Normaliser.Outcome outcome =
          normaliser.normalise(request.messages().get(i), i, request, impliedType, source.id(), receivedAt, policy);
      if (outcome instanceof Normaliser.Problem problem) {
        if (problem.status() == 413) { // stop at once: what is too large is not worked on further
          return rejected(Rejection.tooLarge(problem.detail()), request.messages().size());
        }
        problems.add(problem.detail());
        status = Math.max(status, problem.status());
      } else if (outcome instanceof Normaliser.Accepted accepted) {
        NormalisedEvent event = accepted.event();
        storedChars += event.body().length();
        if (storedChars > MAX_STORED_REQUEST_CHARS) {
          return rejected(Rejection.tooLarge("the messages of this request come to over " + MAX_STORED_REQUEST_CHARS
              + " characters as stored (the batch's context is copied into each message); send smaller batches"),
              request.messages().size());
        }
        if (mode == ValidationMode.BLOCK && !event.violations().isEmpty()) {
          refused.add(new RefusedMessage(i, source.id(), event.messageId(), event.label(), receivedAt,
              event.violations(), event.userId(), event.anonymousId()));
        } else {
          events.add(event);
        }
      }
    }
    if (!problems.isEmpty()) {
      String error = problems.size() == 1 ? problems.get(0) : problems.size() + " messages cannot be accepted";
      return rejected(new Rejection(status, error, problems, 0), request.messages().size());
    }
    return suppressions.admitting(() -> handOver(events, refused, request.messages().size()));
  }

  /** Drops the messages of erased users and hands the rest to the sink (inside {@link Suppressions#admitting}). */
  private CompletableFuture<IngestResult> handOver(List<NormalisedEvent> all, List<RefusedMessage> allRefused,
      int messages) {
    List<NormalisedEvent> events = new ArrayList<>(all.size());
    for (NormalisedEvent event : all) {
      if (!suppressions.suppressed(event.userId(), event.anonymousId(), event.previousId())) {
        events.add(event);
      }
    }
    List<RefusedMessage> refused = new ArrayList<>(allRefused.size());
    for (RefusedMessage message : allRefused) {
      if (!suppressions.suppressed(message.userId(), message.anonymousId())) {
        refused.add(message);
      }
    }
    int accepted = events.size();
    metrics.count("parley_events_suppressed_total", "", all.size() - accepted + allRefused.size() - refused.size());
    return sink.submit(new Submission(events, refused))
        .<IngestResult>thenApply(done -> {
          metrics.count("parley_events_total", "outcome=\"accepted\"", accepted);
          metrics.count("parley_events_total", "outcome=\"refused_block\"", refused.size());
          return new IngestResult.Stored(accepted, refused);
        })
        .exceptionally(failure -> {
          metrics.count("parley_events_refused_total", "reason=\"unavailable\"", messages);
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          int retryAfter = cause instanceof SinkUnavailableException u ? u.retryAfterSeconds() : 1;
          String why = cause instanceof SinkUnavailableException ? cause.getMessage() : "the store cannot take events now";
          return new IngestResult.Rejected(Rejection.unavailable(why + "; retry later", retryAfter));
        });
  }

  /** Counts a request refused before its messages were read, and answers it. */
  public CompletableFuture<IngestResult> refuse(Rejection rejection) {
    return rejected(rejection, 0);
  }

  /** Counts a refused request and, when they were read, its messages, by reason. */
  private CompletableFuture<IngestResult> rejected(Rejection rejection, int messages) {
    metrics.count("parley_requests_refused_total", "reason=\"" + rejection.reason() + "\"", 1);
    if (messages > 0) {
      metrics.count("parley_events_refused_total", "reason=\"" + rejection.reason() + "\"", messages);
    }
    return CompletableFuture.completedFuture(new IngestResult.Rejected(rejection));
  }
}
