package dev.parley.server.privacy;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids (userIds and the anonymousIds linked to them) whose events are acknowledged and
 * discarded after the user was erased: Segment's "delete and suppress". The store keeps the
 * list; this is the copy ingest and the writer consult on every message. Thread-safe.
 */
public final class Suppressions {
  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  /** Whether a message with these ids (either may be null) must be discarded. */
  public boolean suppressed(String userId, String anonymousId) {
    if (ids.isEmpty()) {
      return false;
    }
    return (userId != null && ids.contains(userId)) || (anonymousId != null && ids.contains(anonymousId));
  }

  /** Adds ids to the list. */
  public void addAll(Collection<String> more) {
    ids.addAll(more);
  }

  public int size() {
    return ids.size();
  }
}
