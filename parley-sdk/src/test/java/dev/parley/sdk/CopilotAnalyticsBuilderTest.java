package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CopilotAnalyticsBuilderTest {
  private final CopilotAnalytics.Builder builder = CopilotAnalytics.builder("key");

  @Test
  void everySetterRejectsBadValuesAtOnce() {
    assertThatThrownBy(() -> CopilotAnalytics.builder(null)).hasMessage("writeKey == null");
    assertThatThrownBy(() -> CopilotAnalytics.builder(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.endpoint(null)).hasMessage("endpoint == null");
    assertThatThrownBy(() -> builder.endpoint(URI.create("ftp://x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.flushAt(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.flushAt(2_501)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.flushInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxQueueSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.spoolDirectory(null)).hasMessage("spoolDirectory == null");
    assertThatThrownBy(() -> builder.callback(null)).hasMessage("callback == null");
    assertThatThrownBy(() -> builder.closeTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxConcurrentUploads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.timeSource(null)).hasMessage("time == null");
  }
}
