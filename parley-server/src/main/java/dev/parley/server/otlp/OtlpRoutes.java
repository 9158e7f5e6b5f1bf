package dev.parley.server.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.config.Source;
import dev.parley.server.ingest.AnswerThreads;
import dev.parley.server.ingest.PendingAnswer;
import dev.parley.server.ingest.BodyIntake;
import dev.parley.server.ingest.IngestRoutes;
import dev.parley.server.ingest.Ingestor;
import dev.parley.server.ingest.RejectedException;
import dev.parley.server.metrics.Metrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP's trace endpoint, {@code POST /v1/traces}, in protobuf or JSON, gzip or not.
 * Authenticated by a write key, as {@code Authorization: Bearer KEY} (how OTLP exporters are
 * given headers) or as Segment's clients send it ({@code Basic base64(KEY:)}). Answers as OTLP
 * exporters expect: 200 with an {@code ExportTraceServiceResponse} (a partial success names the
 * spans rejected and why), 400 for what a retry cannot fix, 429 and 503 with {@code Retry-After}
 * for what it can; every error carries a {@code google.rpc.Status}. The body is read without
 * holding a thread, from the same budget as Segment's routes.
 */
public final class OtlpRoutes {
  static final String PATH = "/v1/traces";
  private static final Logger log = LoggerFactory.getLogger(OtlpRoutes.class);
  private static final long ACK_WAIT_SECONDS = 30;

  private final Ingestor ingestor;
  private final Metrics metrics;
  private final BodyIntake intake;
  private final TraceIntake traces;

  public OtlpRoutes(Ingestor ingestor, Metrics metrics, BodyIntake intake, ObjectMapper json) {
    this.ingestor = ingestor;
    this.metrics = metrics;
    this.intake = intake;
    this.traces = new TraceIntake(ingestor, metrics, json);
  }

  /** Adds {@code POST /v1/traces} and its CORS preflight (browser exporters send one). */
  public void addRoutes(RoutesConfig routes) {
    routes.post(PATH, this::handle);
    routes.options(PATH, IngestRoutes::preflight);
  }

  private void handle(Context ctx) throws IOException {
    IngestRoutes.allowOrigin(ctx);
    Optional<OtlpEncoding> encoding = OtlpEncoding.of(ctx.header("Content-Type"));
    if (encoding.isEmpty()) {
      answer(ctx, OtlpEncoding.JSON, OtlpAnswer.error(415, "unsupported Content-Type \"" + ctx.header("Content-Type")
          + "\"; send application/x-protobuf or application/json"));
      return;
    }
    Optional<String> key = writeKey(ctx.header("Authorization"));
    Optional<Source> source = key.flatMap(ingestor::source);
    if (source.isEmpty()) {
      answer(ctx, encoding.get(), OtlpAnswer.error(401, key.isEmpty()
          ? "no write key: send \"Authorization: Bearer KEY\" (OTEL_EXPORTER_OTLP_HEADERS) or HTTP Basic with the key"
            + " as the user name"
          : "unknown or revoked write key"));
      return;
    }
    String contentEncoding = ctx.header("Content-Encoding");
    ServletInputStream in = ctx.req().getInputStream();
    ctx.future(() -> {
      PendingAnswer pending = PendingAnswer.watch(ctx);
      BodyIntake.Lease lease = intake.lease();
      intake.read(in, ctx.req().getContentLengthLong(), TraceIntake.MAX_BODY_BYTES, TraceIntake.MAX_BODY_NAME,
              lease)
          .thenCompose(raw -> {
            try {
              return traces.ingest(source.get(), encoding.get(), raw, contentEncoding);
            } catch (IOException e) {
              throw new CompletionException(e);
            }
          })
          .orTimeout(ACK_WAIT_SECONDS, TimeUnit.SECONDS)
          .handleAsync((answer, failure) -> {
            lease.close();
            // Not written when the client has gone.
            pending.answer(() -> answer(ctx, encoding.get(), failure == null ? answer : failed(failure)));
            return null;
          }, AnswerThreads.EXECUTOR);
      return pending.future();
    });
  }

  /** The answer to a request whose body could not be read, or whose events the log did not take in time. */
  private static OtlpAnswer failed(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof RejectedException rejected) {
      return OtlpAnswer.of(rejected.rejection());
    }
    if (cause instanceof TimeoutException) {
      return new OtlpAnswer(503, 2, 0, "the log is slow to write; retry later");
    }
    if (cause instanceof IOException) {
      return OtlpAnswer.error(400, "the body could not be read: " + cause.getMessage());
    }
    log.error("OTLP export failed", cause);
    return new OtlpAnswer(503, 2, 0, "the log cannot take events now");
  }

  private void answer(Context ctx, OtlpEncoding encoding, OtlpAnswer answer) {
    metrics.count("parley_requests_total", "endpoint=\"traces\",status=\"" + answer.status() + "\"", 1);
    if (answer.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Integer.toString(answer.retryAfterSeconds()));
    }
    byte[] body;
    if (answer.status() == 200) {
      ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
      if (answer.rejectedSpans() > 0 || !answer.message().isEmpty()) {
        response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
            .setRejectedSpans(answer.rejectedSpans()).setErrorMessage(answer.message()));
      }
      body = encoding.write(response.build());
    } else {
      body = encoding.status(answer.grpcCode(), answer.message(), traces.json());
    }
    ctx.status(answer.status()).contentType(encoding.contentType()).result(body);
  }

  /** The write key from {@code Authorization: Bearer KEY} or {@code Basic base64(KEY:)}. */
  static Optional<String> writeKey(String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).trim();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    return IngestRoutes.basicUser(authorization).filter(user -> !user.isEmpty());
  }
}
