package dev.parley.server.store;

import java.util.List;
import java.util.Objects;

/**
 * What erasing one user did.
 *
 * @param userId the erased user
 * @param linkedIds the ids tied to the user, directly or through other ids, by events carrying
 *     a userId and an anonymousId and by aliases (userId and previousId), erased and suppressed with it
 * @param events events deleted
 * @param violations violation rows deleted
 */
public record Erasure(String userId, List<String> linkedIds, long events, long violations) {
  public Erasure {
    Objects.requireNonNull(userId, "userId == null");
    linkedIds = List.copyOf(linkedIds);
  }
}
