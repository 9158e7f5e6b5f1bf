package dev.parley.langchain4j;

import dev.parley.sdk.Identity;

/**
 * Tells who a LangChain4j chat memory belongs to, so that its events carry the right Segment
 * {@code userId} or {@code anonymousId}.
 *
 * <p>Called once per conversation, when its memory id is first seen, on whichever thread runs
 * the AI Service; implementations must be thread-safe. A resolver that throws or returns null
 * is logged and replaced, for that conversation, by {@link #anonymousPerConversation()}.
 */
@FunctionalInterface
public interface IdentityResolver {
  /**
   * The identity for this memory id.
   *
   * @param memoryId the AI Service's {@code @MemoryId} argument, or {@code "default"} when the
   *     method has none
   * @param conversationId the conversation id Parley derived from it
   */
  Identity resolve(Object memoryId, String conversationId);

  /**
   * The default: an anonymous visitor per conversation, {@code anonymousId} equal to the
   * conversation id. Sends no personal data, but does not tie conversations to a user.
   */
  static IdentityResolver anonymousPerConversation() {
    return (memoryId, conversationId) -> Identity.anonymousId(conversationId);
  }

  /**
   * Uses the memory id's {@code toString()} as the {@code userId}: right when the application
   * keys chat memory by its own user id.
   */
  static IdentityResolver memoryIdAsUserId() {
    return (memoryId, conversationId) -> Identity.userId(memoryId.toString());
  }
}
