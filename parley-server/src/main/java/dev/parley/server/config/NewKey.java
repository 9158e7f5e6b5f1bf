package dev.parley.server.config;

import java.util.Objects;

/**
 * A source just made and its write key, the only time the key is known in clear: print it
 * once, it is kept hashed.
 */
public record NewKey(Source source, String writeKey) {
  public NewKey {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(writeKey, "writeKey == null");
  }
}
