package dev.parley.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.Messages;
import dev.parley.server.testing.PrometheusText;
import dev.parley.server.testing.CollectorSeries;
import dev.parley.server.testing.ServerPerClass;
import dev.parley.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SortedSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} of a running server: the collector's series, and the JVM's. */
class MetricsEndToEndTest {
  /** The log never refuses here, so the one series that only a refusal adds is absent. */
  private static final String LOG_REFUSED = "parley_log_refused_total";

  @RegisterExtension static final ServerPerClass shared = new ServerPerClass();
  static TestServer server;

  @BeforeAll
  static void send() throws InterruptedException {
    server = shared.get();
    String batch = "{\"batch\":[" + Messages.started("metered", "conv-m", "metered-1") + "]}";
    assertThat(server.post("/v1/batch", batch).statusCode()).isEqualTo(200);
    assertThat(server.post("/v1/batch", batch).statusCode()).as("resent").isEqualTo(200);
    assertThat(server.post("/v1/batch", "{\"batch\":[{\"event\":\"x\",\"type\":\"track\"}]}").statusCode())
        .isEqualTo(400);
    assertThat(server.post("/v1/track", "not json").statusCode()).isEqualTo(400);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!folded(scrape().body()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Test
  void answersInPrometheusTextFormat() {
    HttpResponse<String> metrics = scrape();

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void theCollectorsSeriesKeepTheirNamesAndLabels() {
    String text = scrape().body();

    assertThat(PrometheusText.shapes(text, "parley_"))
        .containsExactlyElementsOf(CollectorSeries.SHAPES.stream().filter(s -> !s.startsWith(LOG_REFUSED)).toList());
    assertThat(PrometheusText.metadata(text, "parley_"))
        .containsExactlyElementsOf(CollectorSeries.METADATA.stream().filter(l -> !l.contains(LOG_REFUSED)).toList());
    assertThat(text).contains("parley_requests_total{endpoint=\"batch\",status=\"200\"} 2")
        .contains("parley_requests_total{endpoint=\"track\",status=\"400\"} 1")
        .contains("parley_events_duplicate_total 1").contains("parley_events_total{outcome=\"accepted\"} 2");
  }

  @Test
  void theJvmsOwnMetricsAreThere() {
    SortedSet<String> jvm = PrometheusText.shapes(scrape().body(), "jvm_");

    assertThat(jvm).contains("jvm_memory_used_bytes{area}", "jvm_gc_collection_seconds_count{gc}",
        "jvm_threads_current", "jvm_threads_state{state}", "jvm_buffer_pool_used_bytes{pool}");
    assertThat(PrometheusText.shapes(scrape().body(), "process_"))
        .contains("process_open_fds", "process_max_fds", "process_resident_memory_bytes", "process_cpu_seconds_total");
  }

  /** Both batches committed and folded: every series these requests make is there. */
  private static boolean folded(String text) {
    return text.contains("parley_fold_seconds_count") && text.contains("parley_events_duplicate_total 1");
  }

  private static HttpResponse<String> scrape() {
    return TestServer.send(HttpRequest.newBuilder(server.uri("/metrics")).build());
  }
}
