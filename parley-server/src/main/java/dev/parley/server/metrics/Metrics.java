package dev.parley.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The collector's counters, histograms and gauges, rendered in Prometheus' text format.
 * Thread-safe: any thread may count.
 */
public final class Metrics {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, String> help = new ConcurrentHashMap<>();

  /** Adds {@code n} to a counter; {@code labels} is Prometheus label text such as {@code status="200"}. */
  public void count(String name, String labels, long n) {
    counters.computeIfAbsent(series(name, labels), k -> new LongAdder()).add(n);
  }

  /** Records one observation in a histogram with these upper bounds. */
  public void observe(String name, double[] bounds, double value) {
    histograms.computeIfAbsent(name, k -> new Histogram(bounds)).observe(value);
  }

  /** A value read when the metrics are rendered. */
  public void gauge(String name, LongSupplier value) {
    gauges.put(name, value);
  }

  /** Describes a metric in the rendered text. */
  public void describe(String name, String text) {
    help.put(name, text);
  }

  /** The current value of a counter series, for tests and logs. */
  public long counter(String name, String labels) {
    LongAdder adder = counters.get(series(name, labels));
    return adder == null ? 0 : adder.sum();
  }

  /** Everything, in Prometheus' text exposition format. */
  public String render() {
    StringBuilder out = new StringBuilder();
    Map<String, Map<String, Long>> byName = new TreeMap<>();
    counters.forEach((series, adder) -> {
      int brace = series.indexOf('{');
      String name = brace < 0 ? series : series.substring(0, brace);
      byName.computeIfAbsent(name, k -> new TreeMap<>()).put(series, adder.sum());
    });
    byName.forEach((name, series) -> {
      header(out, name, "counter");
      series.forEach((s, v) -> out.append(s).append(' ').append(v).append('\n'));
    });
    new TreeMap<>(histograms).forEach((name, histogram) -> {
      header(out, name, "histogram");
      histogram.render(name, out);
    });
    new TreeMap<>(gauges).forEach((name, value) -> {
      header(out, name, "gauge");
      out.append(name).append(' ').append(value.getAsLong()).append('\n');
    });
    return out.toString();
  }

  private void header(StringBuilder out, String name, String type) {
    String text = help.get(name);
    if (text != null) {
      out.append("# HELP ").append(name).append(' ').append(text).append('\n');
    }
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String series(String name, String labels) {
    return labels == null || labels.isEmpty() ? name : name + "{" + labels + "}";
  }
}
