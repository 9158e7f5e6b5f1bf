package dev.parley.sdk;

import java.util.Objects;
import java.util.Optional;

/**
 * Who an event is about: a Segment {@code userId}, an {@code anonymousId}, or both.
 *
 * <p>Immutable and thread-safe. At least one id is present and no present id is blank.
 *
 * @param userId the id of a known user, sent as {@code userId}
 * @param anonymousId the id of a visitor, sent as {@code anonymousId}
 */
public record Identity(Optional<String> userId, Optional<String> anonymousId) {
  /** Checks that at least one id is present and that present ids are not blank. */
  public Identity {
    Objects.requireNonNull(userId, "userId == null");
    Objects.requireNonNull(anonymousId, "anonymousId == null");
    if (userId.isEmpty() && anonymousId.isEmpty()) {
      throw new IllegalArgumentException("an identity needs a userId or an anonymousId");
    }
    userId.ifPresent(id -> requireNotBlank(id, "userId"));
    anonymousId.ifPresent(id -> requireNotBlank(id, "anonymousId"));
  }

  /** A known user, sent as {@code userId}. */
  public static Identity userId(String userId) {
    Objects.requireNonNull(userId, "userId == null");
    return new Identity(Optional.of(userId), Optional.empty());
  }

  /** A visitor not yet known, sent as {@code anonymousId}. */
  public static Identity anonymousId(String anonymousId) {
    Objects.requireNonNull(anonymousId, "anonymousId == null");
    return new Identity(Optional.empty(), Optional.of(anonymousId));
  }

  /** A user known by both ids, for instance right after sign-in. */
  public static Identity of(String userId, String anonymousId) {
    Objects.requireNonNull(userId, "userId == null");
    Objects.requireNonNull(anonymousId, "anonymousId == null");
    return new Identity(Optional.of(userId), Optional.of(anonymousId));
  }

  private static void requireNotBlank(String value, String name) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
  }
}
