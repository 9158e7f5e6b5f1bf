package dev.parley.server.privacy;

import dev.parley.server.config.PrivacyConfig;
import dev.parley.server.config.Source;
import dev.parley.spec.privacy.ContentMode;
import dev.parley.spec.privacy.ContentPolicy;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content policy of each source: the source's own content mode, else the server's, over
 * the configured paths and custom patterns. One policy per mode, made once. Immutable and
 * thread-safe.
 */
public final class ContentPolicies {
  private final ContentMode serverMode;
  private final Map<ContentMode, ContentPolicy> byMode = new EnumMap<>(ContentMode.class);

  /**
   * Policies for every mode.
   *
   * @param hashKey the secret of hash mode (the configured one, else the one kept in the data directory)
   */
  public ContentPolicies(PrivacyConfig config, String hashKey) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(hashKey, "hashKey == null");
    this.serverMode = config.contentMode();
    for (ContentMode mode : ContentMode.values()) {
      ContentPolicy.Builder builder = ContentPolicy.builder(mode).paths(config.contentPaths())
          .hashKey(hashKey.getBytes(StandardCharsets.UTF_8));
      config.contentPatterns().forEach(builder::customPattern);
      byMode.put(mode, builder.build());
    }
  }

  /** Keeps all text (for tools that store nothing new). */
  public static ContentPolicies keepAll() {
    return new ContentPolicies(PrivacyConfig.defaults(), "keep-all-never-hashes");
  }

  /** The policy for this source's messages. */
  public ContentPolicy forSource(Source source) {
    return byMode.get(source.contentMode(serverMode));
  }
}
