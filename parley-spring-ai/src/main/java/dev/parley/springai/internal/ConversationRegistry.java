package dev.parley.springai.internal;

import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import dev.parley.springai.IdentityResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations in progress, by Spring AI conversation id; starts one (sending
 * Conversation Started) the first time an id is seen.
 *
 * <p>Thread-safe: one lock guards both maps, and Conversation Started is queued under it, so
 * two threads that see a new id at once start exactly one conversation. At most
 * {@code maxConversations} are kept; the least recently used is forgotten without an event.
 */
final class ConversationRegistry {
  private static final Logger log = LoggerFactory.getLogger(ConversationRegistry.class);

  private final CopilotAnalytics analytics;
  private final IdentityResolver identities;
  private final Map<String, TrackedConversation> open;
  private final Map<String, Boolean> ended;

  ConversationRegistry(CopilotAnalytics analytics, IdentityResolver identities, int maxConversations) {
    this.analytics = analytics;
    this.identities = identities;
    this.open = lruMap(maxConversations);
    this.ended = lruMap(maxConversations);
  }

  synchronized TrackedConversation open(String conversationId) {
    TrackedConversation tracked = open.get(conversationId);
    if (tracked != null) {
      return tracked;
    }
    // A conversation id reused after end() needs a new id for its new conversation.
    String sentId = ended.containsKey(conversationId)
        ? conversationId + "-" + Long.toString(System.currentTimeMillis(), 36)
        : conversationId;
    tracked = new TrackedConversation(analytics.startConversation(identity(conversationId), sentId));
    open.put(conversationId, tracked);
    return tracked;
  }

  synchronized Optional<TrackedConversation> find(String conversationId) {
    return Optional.ofNullable(open.get(conversationId));
  }

  synchronized Optional<TrackedConversation> remove(String conversationId) {
    TrackedConversation tracked = open.remove(conversationId);
    if (tracked != null) {
      ended.put(conversationId, Boolean.TRUE);
    }
    return Optional.ofNullable(tracked);
  }

  private Identity identity(String conversationId) {
    try {
      Identity identity = identities.resolve(conversationId);
      if (identity != null) {
        return identity;
      }
      log.warn("The identity resolver returned null for conversation {}; using an anonymous id", conversationId);
    } catch (RuntimeException e) {
      log.warn("The identity resolver failed for conversation {} ({}); using an anonymous id",
          conversationId, e.getClass().getName());
    }
    return IdentityResolver.anonymousPerConversation().resolve(conversationId);
  }

  private static <V> Map<String, V> lruMap(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
