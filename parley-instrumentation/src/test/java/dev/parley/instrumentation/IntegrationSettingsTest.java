package dev.parley.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.instrumentation.testing.CollectedAnalytics;
import dev.parley.sdk.Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IntegrationSettingsTest {
  @RegisterExtension
  final CollectedAnalytics collected = new CollectedAnalytics();

  private IntegrationSettings<String> settings() {
    return new IntegrationSettings<>(collected.analytics(), key -> "derived-" + key,
        (key, conversationId) -> Identity.anonymousId(conversationId));
  }

  @Test
  void untouchedSettingsAreTheIntegrationsDefaults() {
    IntegrationSettings<String> settings = settings();

    ConversationKeys<String> keys = settings.keys();
    assertThat(keys.conversationIds().apply("alice")).isEqualTo("derived-alice");
    assertThat(keys.identities().apply("alice", "c-1")).isEqualTo(Identity.anonymousId("c-1"));
    assertThat(keys.fallbackIdentities().apply("alice", "c-1")).isEqualTo(Identity.anonymousId("c-1"));
    assertThat(keys.maxConversations()).isEqualTo(IntegrationSettings.DEFAULT_MAX_CONVERSATIONS).isEqualTo(100_000);
    assertThat(settings.captureToolArguments()).isFalse();
    assertThat(settings.analytics()).isSameAs(collected.analytics());
  }

  @Test
  void eachSetterReplacesItsDefaultAndKeepsTheFallbackIdentity() {
    IntegrationSettings<String> settings = settings();

    settings.conversationIds(key -> key);
    settings.identities((key, conversationId) -> Identity.userId("user-" + key));
    settings.captureToolArguments(true);
    settings.maxConversations(1);

    ConversationKeys<String> keys = settings.keys();
    assertThat(keys.conversationIds().apply("alice")).isEqualTo("alice");
    assertThat(keys.identities().apply("alice", "c-1")).isEqualTo(Identity.userId("user-alice"));
    assertThat(keys.fallbackIdentities().apply("alice", "c-1")).isEqualTo(Identity.anonymousId("c-1"));
    assertThat(keys.maxConversations()).isEqualTo(1);
    assertThat(settings.captureToolArguments()).isTrue();
  }

  @Test
  void everySettingIsCheckedWhenItIsGiven() {
    IntegrationSettings<String> settings = settings();

    assertThatThrownBy(() -> settings.conversationIds(null)).hasMessage("conversationIds == null");
    assertThatThrownBy(() -> settings.identities(null)).hasMessage("identities == null");
    assertThatThrownBy(() -> settings.maxConversations(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConversations < 1: 0");
    assertThatThrownBy(() -> new IntegrationSettings<String>(null, key -> key, (key, id) -> Identity.anonymousId(id)))
        .hasMessage("analytics == null");
    assertThat(settings.keys().maxConversations()).isEqualTo(IntegrationSettings.DEFAULT_MAX_CONVERSATIONS);
  }
}
