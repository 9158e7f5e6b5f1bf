package dev.parley.langchain4j;

import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.observability.api.listener.AiServiceResponseReceivedListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.observability.api.listener.ToolExecutedEventListener;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.parley.instrumentation.ConversationTracker;
import dev.parley.instrumentation.IntegrationSettings;
import dev.parley.langchain4j.internal.EndingChatMemoryStore;
import dev.parley.langchain4j.internal.Recorder;
import dev.parley.langchain4j.internal.TrackingImageModel;
import dev.parley.langchain4j.internal.TrackingTextToSpeechModel;
import dev.parley.sdk.CopilotAnalytics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Makes LangChain4j AI Services send Segment's AI Copilot events through a Parley
 * {@link CopilotAnalytics} client.
 *
 * <pre>{@code
 * var builder = AiServices.builder(Assistant.class).chatModel(model).chatMemoryProvider(memories).tools(tools);
 * ParleyLangChain4j parley = ParleyLangChain4j.instrument(builder, analytics);
 * Assistant assistant = builder.build();
 * }</pre>
 *
 * <p>Each chat memory id is one conversation: the first invocation that uses it sends
 * Conversation Started; each invocation sends Message Sent when it starts and, when it
 * completes (for a {@code TokenStream}, when the stream completes), Message Received followed
 * by an Action Invoked per tool run and a Media Generated per image or audio clip. Conversation
 * Ended and Feedback Submitted have no LangChain4j hook: call {@link #end} and
 * {@link #feedback}, or wrap the memory store with {@link #chatMemoryStore}.
 *
 * <p>Conversation ids are derived from memory ids by {@link #defaultConversationId} unless the
 * builder says otherwise. One instance keeps one conversation per memory id across all the AI
 * Services it instruments. Failures inside the instrumentation are logged and counted on the
 * conversation's next event, never thrown into the application. Thread-safe.
 */
public final class ParleyLangChain4j {
  private final Recorder recorder;
  private final ConversationTracker<Object> conversations;
  private final List<AiServiceListener<?>> listeners;

  private ParleyLangChain4j(Recorder recorder) {
    this.recorder = recorder;
    this.conversations = recorder.conversations();
    this.listeners = List.of(
        (AiServiceStartedListener) recorder::started,
        (AiServiceResponseReceivedListener) recorder::responseReceived,
        (ToolExecutedEventListener) recorder::toolExecuted,
        (AiServiceCompletedListener) recorder::completed,
        (AiServiceErrorListener) recorder::failed);
  }

  /** Instruments one AI Service builder with default settings; returns the instrumentation. */
  public static ParleyLangChain4j instrument(AiServices<?> aiServices, CopilotAnalytics analytics) {
    ParleyLangChain4j parley = builder(analytics).build();
    parley.instrument(aiServices);
    return parley;
  }

  /** A builder for instrumentation that sends through this client. */
  public static Builder builder(CopilotAnalytics analytics) {
    return new Builder(analytics);
  }

  /**
   * The default conversation id of a memory id: a name-based (version 3) UUID of
   * {@code "langchain4j:" + memoryId}. Stable across restarts and hosts, the same for the same
   * memory id, and it does not reveal the memory id (often a user id).
   */
  public static String defaultConversationId(Object memoryId) {
    Objects.requireNonNull(memoryId, "memoryId == null");
    byte[] name = ("langchain4j:" + memoryId).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }

  /**
   * Registers the AI Service listeners on this builder and sets its {@code beforeToolExecution}
   * and {@code afterToolExecution} callbacks (LangChain4j keeps one of each, so to keep your
   * own, set them after this call, composed: {@code
   * builder.afterToolExecution(parley.afterToolExecution().andThen(mine))}). Without these
   * callbacks, Action Invoked lacks {@code duration_ms} and {@code failed}, and decorated
   * image and speech models cannot tell which conversation they serve.
   *
   * @return the same builder, for chaining
   */
  public <T> AiServices<T> instrument(AiServices<T> aiServices) {
    Objects.requireNonNull(aiServices, "aiServices == null");
    aiServices.registerListeners(listeners);
    aiServices.beforeToolExecution(beforeToolExecution());
    aiServices.afterToolExecution(afterToolExecution());
    return aiServices;
  }

  /** The before-tool callback that {@link #instrument} installs, for composing with your own. */
  public Consumer<BeforeToolExecution> beforeToolExecution() {
    return recorder::beforeTool;
  }

  /** The after-tool callback that {@link #instrument} installs, for composing with your own. */
  public Consumer<ToolExecution> afterToolExecution() {
    return recorder::afterTool;
  }

  /**
   * Sends Conversation Ended (with {@code message_count}, the messages sent and received since
   * the conversation started in this process) and forgets the conversation. The memory id's
   * next invocation starts a new conversation, whose id is the derived id followed by
   * {@code -} and the start time in base 36.
   *
   * @return true when a conversation was in progress for this memory id
   */
  public boolean end(Object memoryId) {
    return conversations.end(Objects.requireNonNull(memoryId, "memoryId == null"));
  }

  /**
   * Sends Feedback Submitted rating one reply, such as {@link #lastReplyId}.
   *
   * @return true when a conversation was in progress for this memory id
   */
  public boolean feedback(Object memoryId, String messageId, double rating) {
    Objects.requireNonNull(memoryId, "memoryId == null");
    Objects.requireNonNull(messageId, "messageId == null");
    return conversations.feedback(memoryId, messageId, rating);
  }

  /** Sends Feedback Submitted rating the whole conversation of this memory id. */
  public boolean feedback(Object memoryId, double rating) {
    return conversations.feedback(Objects.requireNonNull(memoryId, "memoryId == null"), null, rating);
  }

  /** The id of the conversation in progress for this memory id, if any. */
  public Optional<String> conversationId(Object memoryId) {
    return conversations.conversationId(Objects.requireNonNull(memoryId, "memoryId == null"));
  }

  /** The chat message id of the latest Message Received in this memory id's conversation. */
  public Optional<String> lastReplyId(Object memoryId) {
    return conversations.lastReplyId(Objects.requireNonNull(memoryId, "memoryId == null"));
  }

  /**
   * Wraps an image model so that each image it returns while an instrumented AI Service's tool
   * is running sends Media Generated (type {@code image}) for that invocation's reply. Calls
   * made outside a tool are passed through without an event.
   */
  public ImageModel imageModel(ImageModel delegate) {
    return new TrackingImageModel(Objects.requireNonNull(delegate, "delegate == null"), recorder);
  }

  /** Like {@link #imageModel}, for speech: Media Generated with type {@code audio}. */
  public TextToSpeechModel textToSpeechModel(TextToSpeechModel delegate) {
    return new TrackingTextToSpeechModel(Objects.requireNonNull(delegate, "delegate == null"), recorder);
  }

  /**
   * Wraps a chat memory store so that deleting a memory id's messages (LangChain4j's
   * {@code ChatMemory.clear()} and {@code evictChatMemory}) ends its conversation, as
   * {@link #end} does. Saving messages never ends a conversation.
   */
  public ChatMemoryStore chatMemoryStore(ChatMemoryStore delegate) {
    return new EndingChatMemoryStore(Objects.requireNonNull(delegate, "delegate == null"), recorder);
  }

  /** Failures inside the instrumentation since it was built (each was logged, none thrown). */
  public long instrumentationFailures() {
    return conversations.failures();
  }

  /** Settings for {@link ParleyLangChain4j}; every setter checks its argument at once. */
  public static final class Builder {
    private final IntegrationSettings<Object> settings;

    private Builder(CopilotAnalytics analytics) {
      this.settings = new IntegrationSettings<>(analytics, ParleyLangChain4j::defaultConversationId,
          IdentityResolver.anonymousPerConversation()::resolve);
    }

    /** Who each conversation is about; default {@link IdentityResolver#anonymousPerConversation()}. */
    public Builder identityResolver(IdentityResolver identities) {
      Objects.requireNonNull(identities, "identities == null");
      settings.identities(identities::resolve);
      return this;
    }

    /**
     * Memory id to conversation id; default {@link #defaultConversationId}. Use
     * {@code Object::toString} to send memory ids as they are. Must not return blank ids.
     */
    public Builder conversationIds(Function<Object, String> conversationIds) {
      settings.conversationIds(conversationIds);
      return this;
    }

    /**
     * Whether Action Invoked carries the tool call's JSON arguments as {@code arguments};
     * default false, since arguments often hold personal data.
     */
    public Builder captureToolArguments(boolean captureToolArguments) {
      settings.captureToolArguments(captureToolArguments);
      return this;
    }

    /**
     * How many conversations are kept in memory; default 100,000. Past it the least recently
     * used is forgotten without an event (it starts again if its memory id comes back).
     */
    public Builder maxConversations(int maxConversations) {
      settings.maxConversations(maxConversations);
      return this;
    }

    /** Builds the instrumentation; instrument builders with {@link #instrument(AiServices)}. */
    public ParleyLangChain4j build() {
      return new ParleyLangChain4j(
          new Recorder(settings.analytics(), settings.keys(), settings.captureToolArguments()));
    }
  }
}
