package dev.parley.instrumentation;

import dev.parley.sdk.CopilotAnalytics;
import dev.parley.sdk.Identity;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The settings every framework integration's builder offers, with their defaults and checks:
 * how a key becomes a conversation id, who each conversation is about, whether Action Invoked
 * carries tool arguments, and how many conversations are kept. An integration's builder holds
 * one, passes its own setters through (each checks its argument at once), and builds from
 * {@link #analytics()}, {@link #keys()} and {@link #captureToolArguments()}.
 *
 * <p>Not thread-safe: confined to the builder that holds it, as the builder is to its caller.
 *
 * @param <K> the integration's key type
 */
public final class IntegrationSettings<K> {
  /** How many conversations are kept in memory unless the application says otherwise. */
  public static final int DEFAULT_MAX_CONVERSATIONS = 100_000;

  private final CopilotAnalytics analytics;
  private final BiFunction<? super K, String, Identity> fallbackIdentities;
  private Function<? super K, String> conversationIds;
  private BiFunction<? super K, String, Identity> identities;
  private boolean captureToolArguments;
  private int maxConversations = DEFAULT_MAX_CONVERSATIONS;

  /**
   * Settings for an integration sending through {@code analytics}, with the integration's
   * defaults: conversation ids from {@code conversationIds}, and identities from
   * {@code fallbackIdentities}, which also answers whenever the application's resolver fails.
   * Tool arguments are not captured, and at most {@link #DEFAULT_MAX_CONVERSATIONS} kept.
   */
  public IntegrationSettings(CopilotAnalytics analytics, Function<? super K, String> conversationIds,
      BiFunction<? super K, String, Identity> fallbackIdentities) {
    this.analytics = Objects.requireNonNull(analytics, "analytics == null");
    this.conversationIds = Objects.requireNonNull(conversationIds, "conversationIds == null");
    this.fallbackIdentities = Objects.requireNonNull(fallbackIdentities, "fallbackIdentities == null");
    this.identities = fallbackIdentities;
  }

  /** Key to conversation id, replacing the integration's default; must not return blank ids. */
  public void conversationIds(Function<? super K, String> conversationIds) {
    this.conversationIds = Objects.requireNonNull(conversationIds, "conversationIds == null");
  }

  /** Key and conversation id to the identity of the conversation's events (the application's resolver). */
  public void identities(BiFunction<? super K, String, Identity> identities) {
    this.identities = Objects.requireNonNull(identities, "identities == null");
  }

  /** Whether Action Invoked carries the tool call's JSON arguments; default false (they often hold personal data). */
  public void captureToolArguments(boolean captureToolArguments) {
    this.captureToolArguments = captureToolArguments;
  }

  /**
   * How many conversations are kept in memory, at least 1; default
   * {@link #DEFAULT_MAX_CONVERSATIONS}. Past it the least recently used is forgotten without an event.
   *
   * @throws IllegalArgumentException when {@code maxConversations} is below 1
   */
  public void maxConversations(int maxConversations) {
    if (maxConversations < 1) {
      throw new IllegalArgumentException("maxConversations < 1: " + maxConversations);
    }
    this.maxConversations = maxConversations;
  }

  /** The client the integration sends through. */
  public CopilotAnalytics analytics() {
    return analytics;
  }

  /** Whether Action Invoked carries tool arguments. */
  public boolean captureToolArguments() {
    return captureToolArguments;
  }

  /** How keys become conversation ids and identities, as set so far. */
  public ConversationKeys<K> keys() {
    return new ConversationKeys<>(conversationIds, identities, fallbackIdentities, maxConversations);
  }
}
