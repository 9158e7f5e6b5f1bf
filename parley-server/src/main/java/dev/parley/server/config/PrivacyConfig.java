package dev.parley.server.config;

import dev.parley.spec.privacy.ContentMode;
import dev.parley.spec.privacy.ContentPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server does to conversation text and how long it keeps events. Immutable.
 *
 * @param contentMode the mode for sources that do not set their own
 * @param contentPaths dotted paths of the message treated by the content mode, besides the message body
 * @param contentPatterns custom patterns for mask mode: name to regular expression
 * @param hashKey the secret of hash mode; empty to use the one kept in the data directory
 * @param retention how long events are kept; empty to keep them for ever
 */
public record PrivacyConfig(ContentMode contentMode, List<String> contentPaths, Map<String, String> contentPatterns,
    Optional<String> hashKey, Optional<Duration> retention) {
  public PrivacyConfig {
    Objects.requireNonNull(contentMode, "contentMode == null");
    contentPaths = List.copyOf(contentPaths);
    contentPatterns = Map.copyOf(contentPatterns);
    Objects.requireNonNull(hashKey, "hashKey == null");
    Objects.requireNonNull(retention, "retention == null");
    if (contentPaths.isEmpty()) {
      throw new IllegalArgumentException("contentPaths must name at least one path");
    }
    if (hashKey.isPresent() && hashKey.get().length() < 16) {
      throw new IllegalArgumentException("the hash key must be at least 16 characters");
    }
    if (retention.isPresent() && (retention.get().isNegative() || retention.get().isZero())) {
      throw new IllegalArgumentException("retention must be positive, not " + retention.get());
    }
  }

  /** Keep all text, at the default path, for ever. */
  public static PrivacyConfig defaults() {
    return new PrivacyConfig(ContentMode.KEEP, List.of(ContentPolicy.DEFAULT_PATH), Map.of(), Optional.empty(),
        Optional.empty());
  }

  public PrivacyConfig withContentMode(ContentMode mode) {
    return new PrivacyConfig(mode, contentPaths, contentPatterns, hashKey, retention);
  }

  public PrivacyConfig withContentPaths(List<String> paths) {
    return new PrivacyConfig(contentMode, paths, contentPatterns, hashKey, retention);
  }

  public PrivacyConfig withContentPatterns(Map<String, String> patterns) {
    return new PrivacyConfig(contentMode, contentPaths, patterns, hashKey, retention);
  }

  public PrivacyConfig withHashKey(String key) {
    return new PrivacyConfig(contentMode, contentPaths, contentPatterns, Optional.of(key), retention);
  }

  public PrivacyConfig withRetention(Duration keep) {
    return new PrivacyConfig(contentMode, contentPaths, contentPatterns, hashKey, Optional.of(keep));
  }
}
