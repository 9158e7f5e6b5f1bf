package dev.parley.instrumentation;

import dev.parley.sdk.CopilotAnalytics;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversations an integration tracks, by its own key: starts each one (Conversation
 * Started) the first time its key is seen, and sends the events that need only the
 * conversation, Feedback Submitted and Conversation Ended. Holds the {@link Guard} the
 * integration runs all its recording through.
 *
 * <p>Thread-safe: integrations call it from application, tool and model threads at once.
 * Conversation Started is sent exactly once per conversation; {@link #end} and
 * {@link #feedback} never throw for the instrumentation's own failures (they are guarded).
 *
 * @param <K> the integration's key type
 */
public final class ConversationTracker<K> {
  private final ConversationRegistry<K> registry;
  private final Guard guard = new Guard();

  /** Tracks conversations sent through this client, keyed as {@code keys} says. */
  public ConversationTracker(CopilotAnalytics analytics, ConversationKeys<K> keys) {
    this.registry = new ConversationRegistry<>(Objects.requireNonNull(analytics, "analytics == null"),
        Objects.requireNonNull(keys, "keys == null"));
  }

  /** The guard for this integration's recording; its failures count is the integration's. */
  public Guard guard() {
    return guard;
  }

  /**
   * The conversation of this key, started now (Conversation Started) if it is not in
   * progress. Not guarded: throws when the key's conversation id cannot be derived.
   */
  public TrackedConversation open(K key) {
    return registry.open(key);
  }

  /** The conversation in progress for this key, if any. */
  public Optional<TrackedConversation> find(K key) {
    return registry.find(key);
  }

  /** The id of the conversation in progress for this key. */
  public Optional<String> conversationId(K key) {
    return registry.find(key).map(TrackedConversation::conversationId);
  }

  /** The chat message id of the latest Message Received in this key's conversation. */
  public Optional<String> lastReplyId(K key) {
    return registry.find(key).flatMap(TrackedConversation::lastReplyId);
  }

  /**
   * Sends Conversation Ended and forgets the conversation; the key's next conversation is sent
   * with the derived id followed by {@code -} and its start time in base 36.
   *
   * @return false when no conversation was in progress for this key
   */
  public boolean end(K key) {
    Optional<TrackedConversation> found = registry.remove(key);
    found.ifPresent(tracked -> guard.run(tracked, "Conversation Ended", tracked::end));
    return found.isPresent();
  }

  /**
   * Sends Feedback Submitted; {@code messageId} null rates the whole conversation.
   *
   * @return false when no conversation was in progress or the SDK refused the event
   */
  public boolean feedback(K key, String messageId, double rating) {
    boolean[] sent = {false};
    registry.find(key).ifPresent(tracked -> guard.run(tracked, "Feedback Submitted", () -> {
      tracked.feedback(messageId, rating);
      sent[0] = true;
    }));
    return sent[0];
  }

  /** Instrumentation failures so far (each also logged). */
  public long failures() {
    return guard.failures();
  }
}
