package dev.parley.springai.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.TestServer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application's tracing as Spring Boot sets it up with Micrometer Tracing's OpenTelemetry
 * bridge: an {@link ObservationRegistry} whose observations become spans of OpenTelemetry's
 * SDK, exported over OTLP/HTTP (protobuf) to a Parley collector's {@code /v1/traces} with its
 * write key. Span times come from a {@link SteppedClock}. Close it to shut the SDK down.
 */
public final class OtelObservations implements AutoCloseable {
  /** When spans are exported. */
  public enum Export {
    /** In batches, as Spring Boot's default processor does; here everything goes in one, when flushed. */
    BATCHED,
    /** Each span alone as it ends: no span's parent or siblings are in its export. */
    ONE_BY_ONE
  }

  private final SdkTracerProvider provider;
  private final ObservationRegistry registry = ObservationRegistry.create();
  private final Export export;
  private final Set<CompletableResultCode> pending = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failed = new AtomicInteger();

  public OtelObservations(TestServer collector, SteppedClock clock, Export export) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(collector.uri("/v1/traces").toString())
        .addHeader("Authorization", "Bearer " + TestServer.WRITE_KEY)
        .setTimeout(Duration.ofSeconds(30))
        .build();
    this.export = export;
    SpanExporter tracked = new Tracked(exporter, pending, failed);
    SpanProcessor processor = export == Export.ONE_BY_ONE ? SimpleSpanProcessor.create(tracked)
        : BatchSpanProcessor.builder(tracked).setScheduleDelay(Duration.ofHours(1)).build();
    provider = SdkTracerProvider.builder().setClock(clock.otel()).addSpanProcessor(processor)
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "copilot"))))
        .build();
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    OtelTracer tracer = new OtelTracer(provider.get("org.springframework.boot"), current, event -> { },
        new OtelBaggageManager(current, List.of(), List.of()));
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
  }

  /** The registry to give the ChatClient, the model and its tool-calling manager. */
  public ObservationRegistry registry() {
    return registry;
  }

  /**
   * Exports every span ended so far and waits for the collector's answers. The provider's
   * {@code forceFlush} alone cannot be waited on with one-by-one exports: the SDK's
   * {@code SimpleSpanProcessor} hands its live set of pending exports to
   * {@code CompletableResultCode.ofAll}, which counts the set and then iterates it, so an
   * export that finishes in between is never counted down and the flush never completes. That
   * processor has started every ended span's export already; the exports are waited on here
   * from a copy of the set instead.
   */
  public void flush() {
    if (export == Export.BATCHED) {
      assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("the batch was exported").isTrue();
    }
    assertThat(CompletableResultCode.ofAll(List.copyOf(pending)).join(30, TimeUnit.SECONDS).isDone())
        .as("the exports finished").isTrue();
    assertThat(failed.get()).as("exports that failed").isZero();
  }

  /** The exporter, remembering each export until it has finished, and counting those that failed. */
  private record Tracked(SpanExporter exporter, Set<CompletableResultCode> pending, AtomicInteger failed)
      implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      CompletableResultCode result = exporter.export(spans);
      pending.add(result);
      result.whenComplete(() -> {
        if (!result.isSuccess()) {
          failed.incrementAndGet();
        }
        pending.remove(result);
      });
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return exporter.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return exporter.shutdown();
    }
  }

  @Override
  public void close() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }
}
