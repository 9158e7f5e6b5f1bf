package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.sdk.support.TestCollector;
import dev.parley.spec.privacy.ContentMode;
import dev.parley.spec.privacy.ContentPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With a content mode, message text is treated in the app and never leaves it as sent. */
class ContentModeTest {
  private static final String TEXT = "mail me at jane.doe@example.com or call +44 20 7946 0958 about tangerine owl";

  private final TestCollector collector = TestCollector.start();
  private CopilotAnalytics analytics;

  @AfterEach
  void stop() {
    analytics.close();
    collector.close();
  }

  @Test
  void maskModeSendsPlaceholdersInsteadOfPersonalData() {
    analytics = client().contentMode(ContentMode.MASK).build();
    analytics.startConversation(Identity.userId("123")).messageSent(TEXT);
    analytics.flush();

    assertThat(collector.requests().get(0).text()).contains("[EMAIL]", "[PHONE]", "tangerine owl")
        .doesNotContain("jane.doe@example.com", "7946");
  }

  @Test
  void maskModeTreatsABodyUnderAnotherSpellingOrAsANumber() {
    analytics = client().contentMode(ContentMode.MASK).build();
    analytics.track(Identity.userId("123"), "Support Note",
        Map.of("messageBody", "reach jürgen.müller@example.de", "message_body", 4111111111111111L));
    analytics.flush();

    assertThat(collector.requests().get(0).text()).contains("\"messageBody\":\"reach [EMAIL]\"",
        "\"message_body\":\"[CARD]\"").doesNotContain("jürgen", "4111111111111111");
  }

  @Test
  void dropModeSendsOnlyTheLength() {
    analytics = client().contentMode(ContentMode.DROP).build();
    analytics.startConversation(Identity.userId("123")).messageReceived(TEXT);
    analytics.flush();

    assertThat(collector.requests().get(0).text()).contains("\"message_body\":\"[DROPPED]\"",
        "\"message_body_length\":" + TEXT.length()).doesNotContain("tangerine");
  }

  @Test
  void hashModeTakesAPolicyWithAKey() {
    assertThatThrownBy(() -> client().contentMode(ContentMode.HASH)).isInstanceOf(IllegalArgumentException.class);
    analytics = client().contentPolicy(ContentPolicy.builder(ContentMode.HASH)
        .hashKey("an-app-secret-of-16+".getBytes(StandardCharsets.UTF_8)).build()).build();
    analytics.startConversation(Identity.userId("123")).messageSent(TEXT);
    analytics.flush();

    assertThat(collector.requests().get(0).text()).contains("\"message_body\":\"hmac-sha256:")
        .doesNotContain("tangerine");
  }

  private CopilotAnalytics.Builder client() {
    return CopilotAnalytics.builder("WRITE_KEY").endpoint(collector.uri()).flushInterval(Duration.ofSeconds(30));
  }
}
