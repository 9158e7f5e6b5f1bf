package dev.parley.server.config;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A source of events and its write key. Events are stored under the source's {@code id},
 * never under the key itself, so a key can be rotated without rewriting events.
 *
 * @param id stable identifier stored with every event of the source
 * @param name a label for people
 * @param writeKey the secret a client presents
 * @param validation what to do with messages that break the plan; empty to follow the server's
 *     {@code --validation} setting
 * @param createdAt when the key was made
 * @param revokedAt when the key was revoked; empty while it is active
 */
public record Source(String id, String name, String writeKey, Optional<ValidationMode> validation,
    Instant createdAt, Optional<Instant> revokedAt) {
  public Source {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(writeKey, "writeKey == null");
    Objects.requireNonNull(validation, "validation == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(revokedAt, "revokedAt == null");
  }

  /** The validation mode for this source, given the server's default. */
  public ValidationMode validation(ValidationMode serverDefault) {
    return validation.orElse(serverDefault);
  }

  public boolean active() {
    return revokedAt.isEmpty();
  }

  Source revoked(Instant at) {
    return new Source(id, name, writeKey, validation, createdAt, Optional.of(at));
  }
}
