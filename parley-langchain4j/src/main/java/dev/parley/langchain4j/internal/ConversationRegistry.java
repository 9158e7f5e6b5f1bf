package dev.parley.langchain4j.internal;

import dev.parley.langchain4j.IdentityResolver;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations in progress, by LangChain4j memory id; starts one (sending Conversation
 * Started) the first time a memory id is seen.
 *
 * <p>Thread-safe: one lock guards both maps, and Conversation Started is queued under it, so
 * two threads that see a new memory id at once start exactly one conversation. At most
 * {@code maxConversations} are kept; the least recently used is then forgotten without an
 * event, and starts again if it comes back.
 */
final class ConversationRegistry {
  private static final Logger log = LoggerFactory.getLogger(ConversationRegistry.class);

  private final CopilotAnalytics analytics;
  private final Settings settings;
  private final Map<Object, TrackedConversation> open;
  private final Map<Object, Boolean> ended;

  ConversationRegistry(CopilotAnalytics analytics, Settings settings) {
    this.analytics = analytics;
    this.settings = settings;
    this.open = lruMap(settings.maxConversations());
    this.ended = lruMap(settings.maxConversations());
  }

  /** The conversation of this memory id, started now if it is not in progress. */
  synchronized TrackedConversation open(Object memoryId) {
    TrackedConversation tracked = open.get(memoryId);
    if (tracked != null) {
      return tracked;
    }
    String conversationId = conversationId(memoryId);
    Identity identity = identity(memoryId, conversationId);
    tracked = new TrackedConversation(analytics.startConversation(identity, conversationId));
    open.put(memoryId, tracked);
    log.debug("Conversation {} started", conversationId);
    return tracked;
  }

  synchronized Optional<TrackedConversation> find(Object memoryId) {
    return Optional.ofNullable(open.get(memoryId));
  }

  /** Removes the conversation (to end it); the memory id's next conversation gets a fresh id. */
  synchronized Optional<TrackedConversation> remove(Object memoryId) {
    TrackedConversation tracked = open.remove(memoryId);
    if (tracked != null) {
      ended.put(memoryId, Boolean.TRUE);
    }
    return Optional.ofNullable(tracked);
  }

  private String conversationId(Object memoryId) {
    String derived = settings.conversationIds().apply(memoryId);
    if (derived == null || derived.isBlank()) {
      throw new IllegalStateException("the conversation id function returned a blank id");
    }
    if (ended.containsKey(memoryId)) {
      // The memory id was reused after end(): a new conversation needs a new id.
      return derived + "-" + Long.toString(System.currentTimeMillis(), 36);
    }
    return derived;
  }

  private Identity identity(Object memoryId, String conversationId) {
    try {
      Identity identity = settings.identities().resolve(memoryId, conversationId);
      if (identity != null) {
        return identity;
      }
      log.warn("The identity resolver returned null for conversation {}; using an anonymous id", conversationId);
    } catch (RuntimeException e) {
      log.warn("The identity resolver failed for conversation {} ({}); using an anonymous id",
          conversationId, e.getClass().getName());
    }
    return IdentityResolver.anonymousPerConversation().resolve(memoryId, conversationId);
  }

  private static <V> Map<Object, V> lruMap(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Object, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
