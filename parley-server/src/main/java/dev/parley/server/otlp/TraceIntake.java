package dev.parley.server.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.config.Source;
import dev.parley.server.ingest.BodyReader;
import dev.parley.server.ingest.IngestResult;
import dev.parley.server.ingest.Ingestor;
import dev.parley.server.ingest.RefusedMessage;
import dev.parley.server.metrics.Metrics;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One export request, from its body as sent to its answer: decompress within the limit, decode,
 * map the GenAI spans to spec events, and hand them to the {@link Ingestor} in submissions the
 * size of a Segment batch. Thread-safe.
 */
final class TraceIntake {
  /** The most bytes of one request, decompressed (a full batch of 512 spans with their content fits). */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
  static final String MAX_BODY_NAME = "8 MiB per export request";
  /** One submission holds at most a Segment batch's messages, and at most this many characters. */
  private static final int MAX_SUBMISSION_MESSAGES = 2_500;
  private static final long MAX_SUBMISSION_CHARS = 4L * 1024 * 1024;
  private static final int MAX_REASONS = 5;

  private final Ingestor ingestor;
  private final Metrics metrics;
  private final OtlpJson json;
  private final GenAiSpanMapper mapper;

  TraceIntake(Ingestor ingestor, Metrics metrics, ObjectMapper json) {
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.json = new OtlpJson(json);
    this.mapper = new GenAiSpanMapper(json);
    metrics.describe("parley_otlp_spans_total", "Spans received on /v1/traces, by what became of them: mapped to"
        + " spec events, ignored (not a GenAI turn or tool call), no_conversation, inner (a model call inside an"
        + " agent's turn), rejected.");
  }

  OtlpJson json() {
    return json;
  }

  /**
   * The answer to a request whose body (as sent, perhaps compressed) has arrived. Fails with the
   * ingest path's own exceptions for a body over the limit or not valid gzip.
   */
  CompletableFuture<OtlpAnswer> ingest(Source source, OtlpEncoding encoding, byte[] raw, String contentEncoding)
      throws IOException {
    byte[] body = BodyReader.read(new ByteArrayInputStream(raw), contentEncoding, MAX_BODY_BYTES, MAX_BODY_NAME);
    ExportTraceServiceRequest request;
    try {
      request = encoding.read(body, json);
    } catch (InvalidRequestException e) {
      return CompletableFuture.completedFuture(OtlpAnswer.error(400, e.getMessage()));
    }
    SpanMapping mapping = mapper.map(request);
    count(mapping);
    List<List<DerivedEvent>> submissions = split(mapping.events());
    CompletableFuture<Outcome> done = CompletableFuture.completedFuture(new Outcome(new TreeSet<>(), null));
    for (List<DerivedEvent> submission : submissions) {
      done = done.thenCompose(outcome -> outcome.failed != null ? CompletableFuture.completedFuture(outcome)
          : submit(source, submission, outcome.refusedSpans));
    }
    return done.thenApply(outcome -> outcome.failed != null ? outcome.failed : answer(mapping, outcome.refusedSpans));
  }

  /** Spans refused so far; or the answer that ended the request (the submissions before it are stored). */
  private record Outcome(Set<Integer> refusedSpans, OtlpAnswer failed) {}

  private CompletableFuture<Outcome> submit(Source source, List<DerivedEvent> events, Set<Integer> refusedSpans) {
    List<JsonNode> messages = events.stream().<JsonNode>map(DerivedEvent::message).toList();
    return ingestor.ingestDerived(source, messages).thenApply(result -> {
      if (result instanceof IngestResult.Rejected rejected) {
        return new Outcome(refusedSpans, OtlpAnswer.of(rejected.rejection()));
      }
      for (RefusedMessage refused : ((IngestResult.Stored) result).refused()) {
        refusedSpans.add(events.get(refused.index()).span());
      }
      return new Outcome(refusedSpans, null);
    });
  }

  private static OtlpAnswer answer(SpanMapping mapping, Set<Integer> refusedSpans) {
    List<String> reasons = new ArrayList<>(mapping.rejected());
    if (!refusedSpans.isEmpty()) {
      reasons.add(refusedSpans.size() + " span(s) refused in block mode, as their events break the AI Copilot spec"
          + " (spans " + refusedSpans + "); see /api/v1/violations");
    }
    long rejected = mapping.rejected().size() + refusedSpans.size();
    String message = reasons.size() <= MAX_REASONS ? String.join("; ", reasons)
        : String.join("; ", reasons.subList(0, MAX_REASONS)) + "; and " + (reasons.size() - MAX_REASONS) + " more";
    return OtlpAnswer.success(rejected, message);
  }

  private void count(SpanMapping mapping) {
    int mapped = mapping.spans() - mapping.ignored() - mapping.withoutConversation() - mapping.inner()
        - mapping.rejected().size();
    metrics.count("parley_otlp_spans_total", "outcome=\"mapped\"", mapped);
    metrics.count("parley_otlp_spans_total", "outcome=\"ignored\"", mapping.ignored());
    metrics.count("parley_otlp_spans_total", "outcome=\"no_conversation\"", mapping.withoutConversation());
    metrics.count("parley_otlp_spans_total", "outcome=\"inner\"", mapping.inner());
    metrics.count("parley_otlp_spans_total", "outcome=\"rejected\"", mapping.rejected().size());
  }

  /**
   * The events in submissions of at most a Segment batch. A request answered with an error after
   * some submissions were stored is retried whole; the derived ids make the retry store the rest only.
   */
  private static List<List<DerivedEvent>> split(List<DerivedEvent> events) {
    List<List<DerivedEvent>> submissions = new ArrayList<>();
    List<DerivedEvent> current = new ArrayList<>();
    long chars = 0;
    for (DerivedEvent event : events) {
      long size = event.message().toString().length();
      if (!current.isEmpty() && (current.size() >= MAX_SUBMISSION_MESSAGES || chars + size > MAX_SUBMISSION_CHARS)) {
        submissions.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(event);
      chars += size;
    }
    if (!current.isEmpty()) {
      submissions.add(current);
    }
    return submissions;
  }
}
