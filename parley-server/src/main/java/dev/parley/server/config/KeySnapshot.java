package dev.parley.server.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code keys.json} says at one moment: the sources in the order they were made, the
 * active ones by the hash of their write key, the admin token and the hash key. Immutable:
 * a change makes a new snapshot.
 */
record KeySnapshot(List<Source> sources, Map<String, Source> activeByHash, Optional<String> adminToken,
    Optional<String> hashKey) {
  static final KeySnapshot EMPTY = of(List.of(), Optional.empty(), Optional.empty());

  KeySnapshot {
    sources = List.copyOf(sources);
    activeByHash = Map.copyOf(activeByHash);
  }

  static KeySnapshot of(List<Source> sources, Optional<String> adminToken, Optional<String> hashKey) {
    Map<String, Source> active = new HashMap<>();
    for (Source source : sources) {
      if (source.active()) {
        active.put(source.keyHash(), source); // a hand-edited file may repeat a key: the last one wins, as before
      }
    }
    return new KeySnapshot(sources, active, adminToken, hashKey);
  }

  /** The active source whose write key has this hash. */
  Optional<Source> active(String keyHash) {
    return Optional.ofNullable(activeByHash.get(keyHash));
  }

  /** The source, active or revoked, whose write key has this hash. */
  Optional<Source> withHash(String keyHash) {
    return sources.stream().filter(s -> s.keyHash().equals(keyHash)).findFirst();
  }

  /** The source with this id, or whose write key is {@code idOrKey}. */
  Optional<Source> find(String idOrKey) {
    String hash = Secrets.keyHash(idOrKey);
    return sources.stream().filter(s -> s.id().equals(idOrKey) || s.keyHash().equals(hash)).findFirst();
  }

  KeySnapshot with(Source source) {
    List<Source> next = new ArrayList<>(sources);
    next.add(source);
    return of(next, adminToken, hashKey);
  }

  /** This snapshot with the source {@link #find found} by {@code idOrKey} revoked; itself when there is none. */
  KeySnapshot revoke(String idOrKey, Instant at) {
    Optional<Source> target = find(idOrKey).filter(Source::active);
    if (target.isEmpty()) {
      return this;
    }
    List<Source> next = new ArrayList<>(sources);
    next.replaceAll(s -> s == target.get() ? s.revoked(at) : s);
    return of(next, adminToken, hashKey);
  }

  KeySnapshot withAdminToken(String token) {
    return of(sources, Optional.of(token), hashKey);
  }

  KeySnapshot withHashKey(String key) {
    return of(sources, adminToken, Optional.of(key));
  }
}
