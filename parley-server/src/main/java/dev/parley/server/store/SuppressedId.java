package dev.parley.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the suppression list.
 *
 * @param id a userId or an anonymousId
 * @param kind {@code userId} or {@code anonymousId}
 * @param erasedUser the userId whose erasure put it on the list
 * @param since when it was suppressed
 */
public record SuppressedId(String id, String kind, String erasedUser, Instant since) {
  public SuppressedId {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(erasedUser, "erasedUser == null");
    Objects.requireNonNull(since, "since == null");
  }
}
