package dev.parley.server.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The JVM's and the process's metrics (memory, GC, threads, classes, buffer pools, CPU, open
 * files), as Prometheus' JVM instrumentation names them. They belong to the process, not to one
 * {@link Metrics}: they are registered once per JVM in a registry of their own, and every
 * instance's registry reads them through {@link #INSTANCE}. Registering them per instance would
 * add a GC listener and a registry that the library keeps for the JVM's lifetime each time.
 */
final class JvmMetricsCollector implements MultiCollector {
  static final JvmMetricsCollector INSTANCE = new JvmMetricsCollector();

  private final PrometheusRegistry jvm = new PrometheusRegistry();

  private JvmMetricsCollector() {
    JvmMetrics.builder().register(jvm);
  }

  @Override
  public MetricSnapshots collect() {
    return jvm.scrape();
  }
}
