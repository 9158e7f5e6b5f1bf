package dev.parley.server.privacy;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The ids (userIds and the ids linked to them) whose messages are acknowledged and discarded
 * after the user was erased: Segment's "delete and suppress". A message is discarded when its
 * userId, anonymousId or (alias) previousId is listed; groupId is not checked, as it names an
 * account rather than a person and erasure never lists one. The store keeps the
 * list; this is the copy ingest and the loader consult on every message. Thread-safe.
 *
 * <p>Ingest checks a request and hands it to the log inside {@link #admitting}; an erasure
 * adds ids and marks the log inside {@link #suppressThen}. So every request checked before
 * the ids were added is in the log before the mark, and every later one sees the ids.
 */
public final class Suppressions {
  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final ReadWriteLock order = new ReentrantReadWriteLock();

  /** Whether a message with these ids (either may be null) must be discarded. */
  public boolean suppressed(String userId, String anonymousId) {
    return suppressed(userId, anonymousId, null);
  }

  /** Whether a message with these ids (any may be null) must be discarded. */
  public boolean suppressed(String userId, String anonymousId, String previousId) {
    if (ids.isEmpty()) {
      return false;
    }
    return listed(userId) || listed(anonymousId) || listed(previousId);
  }

  private boolean listed(String id) {
    return id != null && ids.contains(id);
  }

  /** Runs a check of the list and the hand-over that follows it, with no erasure in between. */
  public <T> T admitting(Supplier<T> checkAndHandOver) {
    order.readLock().lock();
    try {
      return checkAndHandOver.get();
    } finally {
      order.readLock().unlock();
    }
  }

  /** Adds ids to the list, then runs {@code then} before any request is checked against the new list. */
  public <T> T suppressThen(Collection<String> more, Supplier<T> then) {
    order.writeLock().lock();
    try {
      ids.addAll(more);
      return then.get();
    } finally {
      order.writeLock().unlock();
    }
  }

  /** Adds ids to the list. */
  public void addAll(Collection<String> more) {
    ids.addAll(more);
  }

  public int size() {
    return ids.size();
  }
}
