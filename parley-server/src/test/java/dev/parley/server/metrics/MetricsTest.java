package dev.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.testing.PrometheusText;
import dev.parley.server.testing.CollectorSeries;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double[] SIZE_BOUNDS = {1, 10, 100, 1_000, 10_000, 100_000};
  private static final double[] LATENCY_BOUNDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

  @Test
  void everyCallSiteKeepsItsNameLabelsHelpAndType() {
    String text = callEverySite(new Metrics()).render();

    assertThat(PrometheusText.shapes(text, "parley_")).containsExactlyElementsOf(CollectorSeries.SHAPES);
    assertThat(PrometheusText.metadata(text, "parley_")).containsExactlyElementsOf(CollectorSeries.METADATA);
    assertThat(text).contains("parley_requests_total{endpoint=\"batch\",status=\"200\"} 1")
        .contains("parley_events_refused_total{reason=\"unavailable\"} 2")
        .contains("parley_events_suppressed_total 0").contains("parley_dedupe_filter_bytes 262144");
  }

  @Test
  void histogramsKeepTheirBucketBounds() {
    String text = callEverySite(new Metrics()).render();

    assertThat(PrometheusText.labelValues(text, "parley_load_events_bucket", "le"))
        .map(le -> le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le))
        .containsExactly(1.0, 10.0, 100.0, 1_000.0, 10_000.0, 100_000.0, Double.POSITIVE_INFINITY);
    assertThat(PrometheusText.labelValues(text, "parley_fold_seconds_bucket", "le")).hasSize(11);
    assertThat(text).contains("parley_load_events_bucket{le=\"10.0\"} 1", "parley_load_events_count 1");
  }

  @Test
  void theJvmAndTheProcessAreMeasuredToo() {
    String text = new Metrics().render();

    assertThat(PrometheusText.shapes(text, "jvm_")).contains("jvm_memory_used_bytes{area}",
        "jvm_memory_pool_used_bytes{pool}", "jvm_gc_collection_seconds_count{gc}", "jvm_threads_current",
        "jvm_threads_state{state}", "jvm_classes_currently_loaded");
    assertThat(PrometheusText.shapes(text, "process_")).contains("process_cpu_seconds_total",
        "process_resident_memory_bytes", "process_start_time_seconds");
    assertThat(text).contains("jvm_memory_used_bytes{area=\"heap\"}");
  }

  @Test
  void eachInstanceKeepsItsOwnCounts() {
    Metrics one = new Metrics();
    Metrics other = new Metrics();
    one.count("parley_requests_total", "endpoint=\"batch\",status=\"200\"", 3);

    assertThat(one.counter("parley_requests_total", "endpoint=\"batch\",status=\"200\"")).isEqualTo(3);
    assertThat(other.counter("parley_requests_total", "endpoint=\"batch\",status=\"200\"")).isZero();
    assertThat(other.render()).doesNotContain("parley_requests_total").contains("jvm_memory_used_bytes");
  }

  @Test
  void readingACounterDoesNotAddASeries() {
    Metrics metrics = new Metrics();
    metrics.count("parley_events_total", "outcome=\"accepted\"", 2);

    assertThat(metrics.counter("parley_events_total", "outcome=\"refused_block\"")).isZero();
    assertThat(metrics.counter("parley_no_such_total", "")).isZero();
    assertThat(metrics.render()).doesNotContain("refused_block").doesNotContain("parley_no_such_total");
  }

  @Test
  void labelTextIsReadWithItsEscapesAndInAnyOrder() {
    Metrics metrics = new Metrics();
    metrics.count("parley_requests_total", "endpoint=\"batch\",status=\"200\"", 1);
    metrics.count("parley_requests_total", "status=\"200\",endpoint=\"batch\"", 1);
    metrics.count("parley_events_refused_total", "reason=\"a \\\"quoted\\\" \\\\ reason\"", 1);

    assertThat(metrics.counter("parley_requests_total", "endpoint=\"batch\",status=\"200\"")).isEqualTo(2);
    assertThat(metrics.render()).contains("parley_events_refused_total{reason=\"a \\\"quoted\\\" \\\\ reason\"} 1");
  }

  @Test
  void aCounterRefusesLabelsOfAnotherShape() {
    Metrics metrics = new Metrics();
    metrics.count("parley_events_total", "outcome=\"accepted\"", 1);

    assertThatThrownBy(() -> metrics.count("parley_events_total", "reason=\"x\"", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.count("parley_events_total", "outcome=accepted", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLaterGaugeOfTheSameNameReplacesTheReading() {
    Metrics metrics = new Metrics();
    metrics.gauge("parley_log_bytes", () -> 1);
    metrics.gauge("parley_log_bytes", () -> 7);

    assertThat(metrics.render()).contains("parley_log_bytes 7").doesNotContain("parley_log_bytes 1");
  }

  /** Each describe, count, observe and gauge the server makes, with the label shapes it uses. */
  private static Metrics callEverySite(Metrics metrics) {
    metrics.describe("parley_requests_total", "Ingest requests by endpoint and status.");
    metrics.describe("parley_events_total", "Messages stored (accepted) or refused in block mode.");
    metrics.describe("parley_requests_refused_total", "Ingest requests refused, by reason.");
    metrics.describe("parley_events_refused_total", "Messages of refused requests, by reason.");
    metrics.describe("parley_events_suppressed_total", "Messages of erased users, acknowledged and discarded.");
    metrics.describe("parley_load_events", "Events stored per load (one transaction).");
    metrics.describe("parley_load_seconds", "Time to load one batch of the ingest log into the store.");
    metrics.describe("parley_loader_lag_bytes", "Bytes of the ingest log not loaded into the store yet.");
    metrics.describe("parley_loader_lag_seconds", "Age of the oldest record of the ingest log not loaded yet.");
    metrics.describe("parley_log_bytes", "Bytes the ingest log holds on disk.");
    metrics.describe("parley_log_fsync_seconds", "Time of one group commit of the ingest log (write and fsync).");
    metrics.describe("parley_log_refused_total", "Appends the ingest log refused, by reason.");
    metrics.describe("parley_events_duplicate_total", "Messages acknowledged but not stored again (dedupe).");
    metrics.describe("parley_fold_seconds", "Time to fold stored events into the conversation facts.");
    metrics.describe("parley_unfolded_events", "Events stored but not folded into the conversation facts yet.");
    metrics.describe("parley_dedupe_filter_bytes", "Heap held by the filter of stored messageIds (dedupe).");
    metrics.gauge("parley_loader_lag_bytes", () -> 3);
    metrics.gauge("parley_loader_lag_seconds", () -> 0);
    metrics.gauge("parley_log_bytes", () -> 4_096);
    metrics.gauge("parley_unfolded_events", () -> 4);
    metrics.gauge("parley_dedupe_filter_bytes", () -> 262_144);
    metrics.describe("parley_request_body_bytes", "Body bytes held by ingest requests being read or ingested.");
    metrics.gauge("parley_request_body_bytes", () -> 0);
    metrics.count("parley_requests_total", "endpoint=\"batch\",status=\"200\"", 1);
    metrics.count("parley_requests_total", "endpoint=\"track\",status=\"400\"", 1);
    metrics.count("parley_events_suppressed_total", "", 0);
    metrics.count("parley_events_total", "outcome=\"accepted\"", 5);
    metrics.count("parley_events_total", "outcome=\"refused_block\"", 0);
    metrics.count("parley_events_refused_total", "reason=\"unavailable\"", 2);
    metrics.count("parley_requests_refused_total", "reason=\"bad_request\"", 1);
    metrics.count("parley_events_refused_total", "reason=\"bad_request\"", 1);
    metrics.count("parley_log_refused_total", "reason=\"full\"", 1);
    metrics.observe("parley_log_fsync_seconds", LATENCY_BOUNDS, 0.002);
    metrics.observe("parley_load_seconds", LATENCY_BOUNDS, 0.02);
    metrics.observe("parley_load_events", SIZE_BOUNDS, 5);
    metrics.count("parley_events_duplicate_total", "", 0);
    metrics.observe("parley_fold_seconds", LATENCY_BOUNDS, 0.003);
    metrics.describe("parley_topics_backlog_events", "Stored events the topic worker has not read yet (on PostgreSQL: conversations).");
    metrics.gauge("parley_topics_backlog_events", () -> 0);
    metrics.describe("parley_topics", "Topics found in the conversations.");
    metrics.gauge("parley_topics", () -> 6);
    metrics.describe("parley_topics_embedded_conversations_total", "Conversations whose first message was embedded.");
    metrics.count("parley_topics_embedded_conversations_total", "", 0);
    return metrics;
  }
}
