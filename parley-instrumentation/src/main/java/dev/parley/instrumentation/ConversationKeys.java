package dev.parley.instrumentation;

import dev.parley.sdk.Identity;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How an integration's own conversation key (a LangChain4j memory id, a Spring AI conversation
 * id) becomes the conversation id and identity that the spec's events carry. A value; the
 * functions are called on whichever thread first sees a key, so they must be thread-safe.
 *
 * @param conversationIds key to conversation id; must not return a blank id (that is an
 *     instrumentation failure, and the key's exchange is not recorded)
 * @param identities key and conversation id to the identity of the conversation's events; may
 *     throw or return null, which is logged and answered by {@code fallbackIdentities}
 * @param fallbackIdentities the identity when {@code identities} gave none; must not fail
 * @param maxConversations how many conversations are kept before the least recently used is
 *     forgotten (without an event)
 * @param <K> the integration's key type
 */
public record ConversationKeys<K>(
    Function<? super K, String> conversationIds,
    BiFunction<? super K, String, Identity> identities,
    BiFunction<? super K, String, Identity> fallbackIdentities,
    int maxConversations) {
  /** Checks the components. */
  public ConversationKeys {
    Objects.requireNonNull(conversationIds, "conversationIds == null");
    Objects.requireNonNull(identities, "identities == null");
    Objects.requireNonNull(fallbackIdentities, "fallbackIdentities == null");
    if (maxConversations < 1) {
      throw new IllegalArgumentException("maxConversations < 1: " + maxConversations);
    }
  }
}
