package dev.parley.springai;

import dev.parley.sdk.Identity;

/**
 * Tells who a conversation belongs to, so that its events carry the right Segment
 * {@code userId} or {@code anonymousId}.
 *
 * <p>Called once per conversation, when its id is first seen, on whichever thread runs the
 * ChatClient; implementations must be thread-safe. A resolver that throws or returns null is
 * logged and replaced, for that conversation, by {@link #anonymousPerConversation()}.
 */
@FunctionalInterface
public interface IdentityResolver {
  /**
   * The identity for this conversation.
   *
   * @param conversationId the request's {@code ChatMemory.CONVERSATION_ID} advisor parameter,
   *     or {@code "default"} when it has none
   */
  Identity resolve(String conversationId);

  /**
   * The default: an anonymous visitor per conversation, {@code anonymousId} equal to the
   * conversation id. Sends no personal data, but does not tie conversations to a user.
   */
  static IdentityResolver anonymousPerConversation() {
    return Identity::anonymousId;
  }
}
