package dev.parley.server.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.MetricWithFixedMetadata;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The collector's counters, histograms and gauges, and the JVM's own metrics, kept by
 * Prometheus' Java client in a registry that this instance owns (servers started side by side
 * in one JVM keep their own counts) and rendered in Prometheus' text format.
 * Thread-safe: any thread may count.
 */
public final class Metrics {
  /** The content type of {@link #render()}: Prometheus' text format 0.0.4 in UTF-8. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, LabelledCounter> counters = new ConcurrentHashMap<>();
  private final Map<String, CounterDataPoint> series = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<LongSupplier>> gauges = new ConcurrentHashMap<>();
  private final Map<String, String> help = new ConcurrentHashMap<>();

  public Metrics() {
    registry.register(JvmMetricsCollector.INSTANCE);
  }

  /**
   * Adds {@code n} to a counter; {@code labels} is Prometheus label text such as
   * {@code endpoint="batch",status="200"}, with the same label names at every call for one name.
   * Name counters with their {@code _total} suffix: the text format always writes one.
   */
  public void count(String name, String labels, long n) {
    series.computeIfAbsent(series(name, labels), k -> {
      SeriesLabels parsed = SeriesLabels.parse(labels);
      return counters.computeIfAbsent(name, c -> LabelledCounter.register(registry, c, help.get(c), parsed.names()))
          .dataPoint(parsed);
    }).inc(n);
  }

  /** Records one observation in a histogram; the first call for a name fixes its upper bounds. */
  public void observe(String name, double[] bounds, double value) {
    histograms.computeIfAbsent(name, k -> withHelp(Histogram.builder().name(k), k)
        .classicUpperBounds(bounds).classicOnly().withoutExemplars().register(registry)).observe(value);
  }

  /** A value read when the metrics are rendered; a later call for the same name replaces the reading. */
  public void gauge(String name, LongSupplier value) {
    gauges.computeIfAbsent(name, k -> {
      AtomicReference<LongSupplier> current = new AtomicReference<>(value);
      withHelp(GaugeWithCallback.builder().name(k), k)
          .callback(callback -> callback.call(current.get().getAsLong())).register(registry);
      return current;
    }).set(value);
  }

  /** Describes a metric in the rendered text; call it before the metric is first counted, observed or gauged. */
  public void describe(String name, String text) {
    help.put(name, text);
  }

  /** The current value of a counter series, for tests and logs; 0 for a series never counted. */
  public long counter(String name, String labels) {
    LabelledCounter counter = counters.get(name);
    if (counter == null) {
      return 0;
    }
    SeriesLabels wanted = SeriesLabels.parse(labels);
    return counter.counter().collect().getDataPoints().stream()
        .filter(point -> point.getLabels().equals(wanted.labels()))
        .mapToLong(point -> (long) point.getValue()).findFirst().orElse(0);
  }

  /** Everything, the JVM's metrics included, in Prometheus' text exposition format ({@link #CONTENT_TYPE}). */
  public String render() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      TEXT.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private <B extends MetricWithFixedMetadata.Builder<B, ?>> B withHelp(
      B builder, String name) {
    String text = help.get(name);
    return text == null ? builder : builder.help(text);
  }

  private static String series(String name, String labels) {
    return labels == null || labels.isEmpty() ? name : name + "{" + labels + "}";
  }

  /** A counter and the label names it was registered with, which every later series must repeat. */
  private record LabelledCounter(Counter counter, List<String> labelNames) {
    static LabelledCounter register(PrometheusRegistry registry, String name, String help, List<String> names) {
      Counter.Builder builder = Counter.builder().name(name).labelNames(names.toArray(String[]::new));
      if (help != null) {
        builder.help(help);
      }
      return new LabelledCounter(builder.withoutExemplars().register(registry), names);
    }

    CounterDataPoint dataPoint(SeriesLabels labels) {
      if (!labels.names().equals(labelNames)) {
        throw new IllegalArgumentException("labels " + labels.names() + " != " + labelNames + " of this counter");
      }
      return labels.names().isEmpty() ? counter : counter.labelValues(labels.values().toArray(String[]::new));
    }
  }
}
