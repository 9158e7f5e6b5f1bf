package dev.parley.server.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.metrics.Metrics;
import dev.parley.spec.Violation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of ingest: Segment's {@code /v1/*} endpoints (long and short paths, with or
 * without a trailing slash), CORS preflight for browsers, and the answers of the ingest
 * contract. A request is answered 200 only once its events are durable in the ingest log.
 */
public final class IngestRoutes {
  private static final Logger log = LoggerFactory.getLogger(IngestRoutes.class);
  private static final long ACK_WAIT_SECONDS = 30;

  private final Ingestor ingestor;
  private final Metrics metrics;
  private final BodyIntake intake;

  /** Routes whose bodies are read by {@code intake}, whose budget they share with the server's other ingest routes. */
  public IngestRoutes(Ingestor ingestor, Metrics metrics, BodyIntake intake) {
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.intake = intake;
    metrics.describe("parley_requests_total", "Ingest requests by endpoint and status.");
    metrics.describe("parley_events_total", "Messages stored (accepted) or refused in block mode.");
    metrics.describe("parley_requests_refused_total", "Ingest requests refused, by reason.");
    metrics.describe("parley_events_refused_total", "Messages of refused requests, by reason.");
    metrics.describe("parley_request_body_bytes", "Body bytes held by ingest requests being read or ingested.");
    metrics.gauge("parley_request_body_bytes", intake::inFlightBytes);
  }

  /** Adds every ingest route. */
  public void addRoutes(RoutesConfig routes) {
    for (Endpoint endpoint : Endpoint.values()) {
      for (String path : endpoint.paths()) {
        routes.post(path, ctx -> handle(endpoint, ctx));
        routes.options(path, IngestRoutes::preflight);
      }
    }
  }

  /**
   * Answers at once what needs no body (an unknown key in the header, a declared length over
   * the limit); otherwise reads the body without holding a thread, checks it, and answers when
   * the log has it. No thread waits for the client or for the fsync.
   */
  private void handle(Endpoint endpoint, Context ctx) throws IOException {
    allowOrigin(ctx);
    Optional<String> headerKey = basicUser(ctx.header("Authorization"));
    Optional<IngestResult> early = ingestor.refuseUnread(headerKey);
    if (early.isPresent()) {
      answer(ctx, endpoint, early.get());
      return;
    }
    String encoding = ctx.header("Content-Encoding");
    ServletInputStream in = ctx.req().getInputStream();
    ctx.future(() -> { // the request is asynchronous from here on: the body can be read without blocking
      PendingAnswer pending = PendingAnswer.watch(ctx);
      BodyIntake.Lease lease = intake.lease();
      intake.read(in, ctx.req().getContentLengthLong(), endpoint.rawByteLimit(encoding), endpoint.byteLimitName(),
              lease)
          .thenCompose(body -> ingestor.ingest(endpoint, body, encoding, headerKey)
              .orTimeout(ACK_WAIT_SECONDS, TimeUnit.SECONDS))
          .handleAsync((result, failure) -> {
            lease.close();
            if (!pending.answer(() -> answer(ctx, endpoint, failure == null ? result : failed(endpoint, failure)))) {
              // The client went away (or the server is stopping): what the log took stays taken,
              // and a client that retries is deduplicated.
              metrics.count("parley_requests_total", "endpoint=\"" + endpoint.name().toLowerCase(Locale.ROOT)
                  + "\",status=\"gone\"", 1);
            }
            return null;
          }, AnswerThreads.EXECUTOR);
      return pending.future();
    });
  }

  /** The answer to a request whose body could not be read, or whose events the log did not take in time. */
  private IngestResult failed(Endpoint endpoint, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof RejectedException rejected) {
      return ingestor.refuse(rejected.rejection()).join();
    }
    if (cause instanceof TimeoutException) {
      return new IngestResult.Rejected(Rejection.unavailable("the log is slow to write; retry later", 2));
    }
    if (cause instanceof IOException) {
      log.debug("the body of a request to {} could not be read", endpoint, cause);
      return new IngestResult.Rejected(Rejection.badRequest("the body could not be read: " + cause.getMessage()));
    }
    log.error("ingest failed on {}", endpoint, cause);
    return new IngestResult.Rejected(Rejection.unavailable("the log cannot take events now", 2));
  }

  private void answer(Context ctx, Endpoint endpoint, IngestResult result) {
    int status = 200;
    if (result instanceof IngestResult.Rejected rejected) {
      status = rejected.rejection().status();
      if (rejected.rejection().retryAfterSeconds() > 0) {
        ctx.header("Retry-After", Integer.toString(rejected.rejection().retryAfterSeconds()));
      }
    }
    metrics.count("parley_requests_total",
        "endpoint=\"" + endpoint.name().toLowerCase(Locale.ROOT) + "\",status=\"" + status + "\"", 1);
    ctx.status(status).contentType("application/json").result(body(ingestor.json(), result).toString());
  }

  /**
   * The answer's JSON: {@code success}, and the messages block mode refused; or, for a
   * rejected request, {@code error} and {@code details} (an array, empty when there are none).
   */
  static ObjectNode body(ObjectMapper json, IngestResult result) {
    ObjectNode body = json.createObjectNode();
    if (result instanceof IngestResult.Stored stored) {
      body.put("success", true);
      if (!stored.refused().isEmpty()) {
        ArrayNode refused = body.putArray("refused");
        for (RefusedMessage message : stored.refused()) {
          ObjectNode row = refused.addObject().put("index", message.index()).put("messageId", message.messageId())
              .put("event", message.label());
          ArrayNode violations = row.putArray("violations");
          for (Violation v : message.violations()) {
            violations.addObject().put("code", v.code().wireName()).put("path", v.path()).put("message", v.message());
          }
        }
      }
    } else {
      Rejection rejection = ((IngestResult.Rejected) result).rejection();
      body.put("success", false).put("error", rejection.error());
      ArrayNode details = body.putArray("details");
      rejection.details().forEach(details::add);
    }
    return body;
  }

  /** The write key from {@code Authorization: Basic base64(key:)}, if the header carries one. */
  public static Optional<String> basicUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      return Optional.of(user);
    } catch (IllegalArgumentException e) {
      return Optional.of("");
    }
  }

  /** Answers a browser's CORS preflight for an ingest route. */
  public static void preflight(Context ctx) {
    allowOrigin(ctx);
    ctx.header("Access-Control-Allow-Methods", "POST, OPTIONS");
    ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Encoding");
    ctx.header("Access-Control-Max-Age", "86400");
    ctx.status(204);
  }

  /** Lets the page that sent a request read its answer (ingest routes take any origin: the key is the check). */
  public static void allowOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
    }
  }
}
