package dev.parley.langchain4j.internal;

import dev.parley.langchain4j.IdentityResolver;
import java.util.Objects;
import java.util.function.Function;

/**
 * The choices a team made when building {@code ParleyLangChain4j}.
 *
 * @param identities who each conversation's events are about
 * @param conversationIds memory id to conversation id
 * @param captureToolArguments whether Action Invoked carries the tool's arguments
 * @param maxConversations how many conversations are remembered before the least recently used
 *     one is forgotten (without an event)
 */
public record Settings(
    IdentityResolver identities,
    Function<Object, String> conversationIds,
    boolean captureToolArguments,
    int maxConversations) {
  /** Checks the components. */
  public Settings {
    Objects.requireNonNull(identities, "identities == null");
    Objects.requireNonNull(conversationIds, "conversationIds == null");
    if (maxConversations < 1) {
      throw new IllegalArgumentException("maxConversations < 1: " + maxConversations);
    }
  }
}
