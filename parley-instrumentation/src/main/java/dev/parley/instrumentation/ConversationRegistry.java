package dev.parley.instrumentation;

import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations in progress, by the integration's key; starts one (sending Conversation
 * Started) the first time a key is seen.
 *
 * <p>Thread-safe: one lock guards both maps, and Conversation Started is queued under it, so
 * two threads that see a new key at once start exactly one conversation. At most
 * {@code maxConversations} are kept; the least recently used is then forgotten without an
 * event, and starts again if it comes back.
 */
final class ConversationRegistry<K> {
  private static final Logger log = LoggerFactory.getLogger(ConversationRegistry.class);

  private final CopilotAnalytics analytics;
  private final ConversationKeys<K> keys;
  private final Map<K, TrackedConversation> open;
  private final Map<K, Boolean> ended;

  ConversationRegistry(CopilotAnalytics analytics, ConversationKeys<K> keys) {
    this.analytics = analytics;
    this.keys = keys;
    this.open = lruMap(keys.maxConversations());
    this.ended = lruMap(keys.maxConversations());
  }

  /** The conversation of this key, started now if it is not in progress. */
  synchronized TrackedConversation open(K key) {
    TrackedConversation tracked = open.get(key);
    if (tracked != null) {
      return tracked;
    }
    String conversationId = conversationId(key);
    Identity identity = identity(key, conversationId);
    tracked = new TrackedConversation(analytics.startConversation(identity, conversationId));
    open.put(key, tracked);
    log.debug("Conversation {} started", conversationId);
    return tracked;
  }

  synchronized Optional<TrackedConversation> find(K key) {
    return Optional.ofNullable(open.get(key));
  }

  /** Removes the conversation (to end it); the key's next conversation gets a fresh id. */
  synchronized Optional<TrackedConversation> remove(K key) {
    TrackedConversation tracked = open.remove(key);
    if (tracked != null) {
      ended.put(key, Boolean.TRUE);
    }
    return Optional.ofNullable(tracked);
  }

  private String conversationId(K key) {
    String derived = keys.conversationIds().apply(key);
    if (derived == null || derived.isBlank()) {
      throw new IllegalStateException("the conversation id function returned a blank id");
    }
    if (ended.containsKey(key)) {
      // The key was reused after end(): a new conversation needs a new id.
      return derived + "-" + Long.toString(System.currentTimeMillis(), 36);
    }
    return derived;
  }

  private Identity identity(K key, String conversationId) {
    try {
      Identity identity = keys.identities().apply(key, conversationId);
      if (identity != null) {
        return identity;
      }
      log.warn("The identity resolver returned null for conversation {}; using an anonymous id", conversationId);
    } catch (RuntimeException e) {
      log.warn("The identity resolver failed for conversation {} ({}); using an anonymous id",
          conversationId, e.getClass().getName());
    }
    return keys.fallbackIdentities().apply(key, conversationId);
  }

  private static <K, V> Map<K, V> lruMap(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
