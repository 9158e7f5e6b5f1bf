package dev.parley.server.otlp;

import dev.parley.server.testing.TestServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** OpenTelemetry's Java SDK and OTLP/HTTP exporter, set up to send to a test server. */
final class OtlpClients {
  private OtlpClients() {}

  /** How the exporter encodes its requests and authenticates. */
  enum Wire {
    PROTOBUF_BEARER, JSON_BASIC
  }

  /** The SDK's OTLP/HTTP span exporter for {@code server}, gzip-compressed, without retries. */
  static OtlpHttpSpanExporter exporter(TestServer server, Wire wire) {
    OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
        .setEndpoint(server.uri("/v1/traces").toString()).setCompression("gzip").setTimeout(Duration.ofSeconds(30))
        .setRetryPolicy(null)
        .addHeader("Authorization", wire == Wire.JSON_BASIC ? TestServer.basic(TestServer.WRITE_KEY)
            : "Bearer " + TestServer.WRITE_KEY);
    if (wire == Wire.JSON_BASIC) {
      jsonOf(builder).exportAsJson(); // the SDK writes OTLP/JSON; its public builder does not offer the switch yet
    }
    return builder.build();
  }

  private static HttpExporterBuilder jsonOf(OtlpHttpSpanExporterBuilder builder) {
    try {
      Field delegate = OtlpHttpSpanExporterBuilder.class.getDeclaredField("delegate");
      delegate.setAccessible(true);
      return (HttpExporterBuilder) delegate.get(builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A tracer provider as an app sets one up (a batch processor), whose spans go to {@code exporter}
   * and to {@code recorder}; it exports when flushed.
   */
  static SdkTracerProvider provider(SpanExporter exporter, Recorder recorder) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
        AttributeKey.stringKey("service.name"), "copilot", AttributeKey.stringKey("service.version"), "2.1.0")));
    return SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite(exporter, recorder))
            .setScheduleDelay(Duration.ofHours(1)).build())
        .build();
  }

  /** Keeps every span it is given. */
  static final class Recorder implements SpanExporter {
    private final List<SpanData> spans = new ArrayList<>();

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    synchronized List<SpanData> spans() {
      return List.copyOf(spans);
    }

    /** The recorded span of this name; the first of several. */
    synchronized SpanData named(String name) {
      return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
