package dev.parley.springai;

import dev.parley.instrumentation.ConversationTracker;
import dev.parley.instrumentation.IntegrationSettings;
import dev.parley.sdk.CopilotAnalytics;
import dev.parley.springai.internal.ExchangeRecorder;
import dev.parley.springai.internal.ToolObservationHandler;
import io.micrometer.observation.ObservationHandler;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * A ChatClient advisor that sends Segment's AI Copilot events through a Parley
 * {@link CopilotAnalytics} client.
 *
 * <pre>{@code
 * ParleyAdvisor parley = ParleyAdvisor.builder(analytics).build();
 * ChatClient chat = ChatClient.builder(model).defaultAdvisors(parley).build();
 * chat.prompt().user("What is ACME worth?")
 *     .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "c-42")).call().content();
 * }</pre>
 *
 * <p>The conversation is the request's {@code ChatMemory.CONVERSATION_ID} advisor parameter
 * (the one Spring AI's memory advisors read), sent as is; without one, {@code "default"}. The
 * first exchange of a conversation sends Conversation Started; each exchange sends Message Sent
 * before the call and, once the response (or the whole stream) is in, Message Received
 * followed by an Action Invoked per tool and a Media Generated per media item of the reply.
 * Tools run inside the model are seen through {@link #toolObservationHandler()}.
 *
 * <p>Runs outermost by default ({@link Ordered#HIGHEST_PRECEDENCE} + 100), so it sees each
 * exchange once, whatever memory or tool-calling advisors run inside it. Failures inside the
 * instrumentation are logged and counted on the conversation's next event, never thrown into
 * the application. Thread-safe: share one instance between ChatClients.
 */
public final class ParleyAdvisor implements CallAdvisor, StreamAdvisor {
  /** The default order: before Spring AI's memory and tool-calling advisors. */
  public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  private final ExchangeRecorder recorder;
  private final ConversationTracker<String> conversations;
  private final ToolObservationHandler toolObservations;
  private final int order;

  private ParleyAdvisor(ExchangeRecorder recorder, int order) {
    this.recorder = recorder;
    this.conversations = recorder.conversations();
    this.toolObservations = new ToolObservationHandler(recorder);
    this.order = order;
  }

  /** A builder for an advisor that sends through this client. */
  public static Builder builder(CopilotAnalytics analytics) {
    return new Builder(analytics);
  }

  @Override
  public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
    return recorder.adviseCall(request, chain);
  }

  @Override
  public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
    return recorder.adviseStream(request, chain);
  }

  @Override
  public String getName() {
    return "ParleyAdvisor";
  }

  @Override
  public int getOrder() {
    return order;
  }

  /**
   * The handler that reports tool runs (Action Invoked with {@code duration_ms} and
   * {@code failed}); register it on the {@code ObservationRegistry} given to the ChatClient
   * and the model's {@code ToolCallingManager}. The Spring Boot auto-configuration does so.
   */
  public ObservationHandler<ToolCallingObservationContext> toolObservationHandler() {
    return toolObservations;
  }

  /**
   * Sends Conversation Ended (with {@code message_count}) and forgets the conversation; its
   * id's next exchange starts a new conversation, sent with the id followed by {@code -} and
   * the start time in base 36.
   *
   * @return true when the conversation was in progress
   */
  public boolean end(String conversationId) {
    return conversations.end(Objects.requireNonNull(conversationId, "conversationId == null"));
  }

  /** Sends Feedback Submitted rating one reply, such as {@link #lastReplyId}. */
  public boolean feedback(String conversationId, String messageId, double rating) {
    Objects.requireNonNull(conversationId, "conversationId == null");
    return conversations.feedback(conversationId, Objects.requireNonNull(messageId, "messageId == null"), rating);
  }

  /** Sends Feedback Submitted rating the whole conversation. */
  public boolean feedback(String conversationId, double rating) {
    return conversations.feedback(Objects.requireNonNull(conversationId, "conversationId == null"), null, rating);
  }

  /** The chat message id of the latest Message Received in this conversation. */
  public Optional<String> lastReplyId(String conversationId) {
    return conversations.lastReplyId(Objects.requireNonNull(conversationId, "conversationId == null"));
  }

  /** Failures inside the instrumentation since it was built (each was logged, none thrown). */
  public long instrumentationFailures() {
    return conversations.failures();
  }

  /** Settings for a {@link ParleyAdvisor}; every setter checks its argument at once. */
  public static final class Builder {
    private final IntegrationSettings<String> settings;
    private int order = DEFAULT_ORDER;

    private Builder(CopilotAnalytics analytics) {
      // Identities are resolved from the conversation id as the application gave it (without the
      // suffix of a conversation started again after end()), and so is the anonymous fallback.
      this.settings = new IntegrationSettings<>(analytics, Function.identity(),
          (key, conversationId) -> IdentityResolver.anonymousPerConversation().resolve(key));
    }

    /** Who each conversation is about; default {@link IdentityResolver#anonymousPerConversation()}. */
    public Builder identityResolver(IdentityResolver identities) {
      Objects.requireNonNull(identities, "identities == null");
      settings.identities((key, conversationId) -> identities.resolve(key));
      return this;
    }

    /** Whether Action Invoked carries the tool's JSON arguments; default false (personal data). */
    public Builder captureToolArguments(boolean captureToolArguments) {
      settings.captureToolArguments(captureToolArguments);
      return this;
    }

    /** How many conversations are kept in memory; default 100,000, least recently used forgotten. */
    public Builder maxConversations(int maxConversations) {
      settings.maxConversations(maxConversations);
      return this;
    }

    /** The advisor's order; default {@link #DEFAULT_ORDER}. */
    public Builder order(int order) {
      this.order = order;
      return this;
    }

    /** Builds the advisor; add it with {@code ChatClient.Builder.defaultAdvisors}. */
    public ParleyAdvisor build() {
      return new ParleyAdvisor(
          new ExchangeRecorder(settings.analytics(), settings.keys(), settings.captureToolArguments()), order);
    }
  }
}
