package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdk.support.TestCollector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CallbackTest {
  @Test
  void reportsEachDeliveredMessageByItsEnvelopeId() {
    List<EventRef> delivered = new CopyOnWriteArrayList<>();
    try (TestCollector collector = TestCollector.start();
        CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
            .callback(new Callback() {
              @Override
              public void delivered(EventRef event) {
                delivered.add(event);
              }
            })
            .build()) {
      analytics.identify(Identity.userId("u"), Map.of());
      analytics.track(Identity.userId("u"), "Signed Up", Map.of());
      analytics.flush();

      assertThat(delivered).extracting(EventRef::eventId)
          .containsExactlyElementsOf(collector.delivered().stream().map(m -> m.get("messageId").asText()).toList());
      assertThat(delivered.get(0).type()).isEqualTo("identify");
      assertThat(delivered.get(0).event()).isEmpty();
      assertThat(delivered.get(1).event()).contains("Signed Up");
    }
  }

  @Test
  void aCallbackThatThrowsDoesNotStopDelivery() {
    try (TestCollector collector = TestCollector.start();
        CopilotAnalytics analytics = CopilotAnalytics.builder("key").endpoint(collector.uri())
            .flushAt(1).flushInterval(Duration.ofMillis(10))
            .callback(new Callback() {
              @Override
              public void delivered(EventRef event) {
                throw new IllegalStateException("callback bug");
              }
            })
            .build()) {
      for (int i = 0; i < 5; i++) {
        analytics.track(Identity.userId("u"), "Signed Up", Map.of());
      }
      analytics.flush();
      assertThat(collector.delivered()).hasSize(5);
      assertThat(analytics.stats().delivered()).isEqualTo(5);
    }
  }
}
