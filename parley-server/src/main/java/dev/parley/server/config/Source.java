package dev.parley.server.config;

import dev.parley.spec.privacy.ContentMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A source of events and its write key. Events are stored under the source's {@code id},
 * never under the key itself, so a key can be rotated without rewriting events. The key
 * itself is not kept: only its SHA-256 ({@link Secrets#keyHash}), so {@code keys.json} does
 * not hand out write access to whoever reads it.
 *
 * @param id stable identifier stored with every event of the source
 * @param name a label for people
 * @param keyHash {@code sha256:<hex>} of the write key
 * @param validation what to do with messages that break the plan; empty to follow the server's
 *     {@code --validation} setting
 * @param contentMode what happens to message text; empty to follow the server's {@code --content-mode}
 * @param createdAt when the key was made
 * @param revokedAt when the key was revoked; empty while it is active
 */
public record Source(String id, String name, String keyHash, Optional<ValidationMode> validation,
    Optional<ContentMode> contentMode, Instant createdAt, Optional<Instant> revokedAt) {
  public Source {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(keyHash, "keyHash == null");
    Objects.requireNonNull(validation, "validation == null");
    Objects.requireNonNull(contentMode, "contentMode == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(revokedAt, "revokedAt == null");
  }

  /** The validation mode for this source, given the server's default. */
  public ValidationMode validation(ValidationMode serverDefault) {
    return validation.orElse(serverDefault);
  }

  /** The content mode for this source, given the server's default. */
  public ContentMode contentMode(ContentMode serverDefault) {
    return contentMode.orElse(serverDefault);
  }

  public boolean active() {
    return revokedAt.isEmpty();
  }

  Source revoked(Instant at) {
    return new Source(id, name, keyHash, validation, contentMode, createdAt, Optional.of(at));
  }
}
