package dev.parley.springai;

import dev.parley.sdk.Identity;
import dev.parley.springai.internal.ExchangeRecorder;
import dev.parley.springai.internal.GenAiMessages;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationView;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Adds what a Parley collector needs to Spring AI's own model and tool observations, for
 * applications that export them as OpenTelemetry spans (Micrometer Tracing's OpenTelemetry
 * bridge and an OTLP exporter pointed at the collector's {@code /v1/traces}) instead of using
 * {@link ParleyAdvisor}:
 *
 * <ul>
 *   <li>{@code gen_ai.conversation.id}: the ChatClient request's {@code ChatMemory.CONVERSATION_ID}
 *       advisor parameter, the one the advisor and Spring AI's memory advisors read (without
 *       one, {@code "default"}, as the advisor sends it);</li>
 *   <li>{@code user.id}: the {@link IdentityResolver}'s {@code userId} for that conversation,
 *       when one is set and gives one;</li>
 *   <li>when {@link Builder#captureContent} is on, {@code gen_ai.input.messages} and
 *       {@code gen_ai.output.messages}: the prompt and the response in the GenAI conventions'
 *       JSON, which the collector reads the messages' text from.</li>
 * </ul>
 *
 * <pre>{@code
 * registry.observationConfig().observationFilter(ParleyObservationFilter.builder().captureContent(true).build());
 * // with Spring Boot: declare it as a bean; Boot registers ObservationFilter beans on its registry
 * }</pre>
 *
 * <p>Why a filter on the model's observation: Spring AI puts the conversation id only on the
 * ChatClient's own observation ({@code spring.ai.chat.client.conversation.id}), the parent of
 * the model calls, which ends after them. An exporter's batch can hold a model call without
 * that parent (a turn longer than the batch delay, or a full batch), and a span's attributes
 * are all the collector has then; so the id goes on each model and tool span itself, found
 * through the observation's ancestors while they are all still in memory. A filter runs when
 * an observation stops, before the handlers (tracing among them) read it, and its values are
 * high-cardinality ones, which metrics leave out: Spring AI's metrics are unchanged.
 *
 * <p>Values already set (by a custom convention) are kept. Message text may hold personal data:
 * {@code captureContent} is off by default. A model or tool called outside a ChatClient has no
 * conversation and gets nothing; the collector then skips its span. Conversations restarted with
 * {@link ParleyAdvisor#end} have no suffix here: the id is sent as given. Failures inside the
 * filter are logged and never reach the application. Stateless and thread-safe.
 */
public final class ParleyObservationFilter implements ObservationFilter {
  /** The span attributes this filter sets, as OpenTelemetry's conventions name them. */
  public static final String CONVERSATION_ID = "gen_ai.conversation.id";
  public static final String USER_ID = "user.id";
  public static final String INPUT_MESSAGES = "gen_ai.input.messages";
  public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";

  private static final Logger log = LoggerFactory.getLogger(ParleyObservationFilter.class);
  /** How far up an observation's ancestors the ChatClient's is looked for. */
  private static final int MAX_ANCESTORS = 32;

  private final IdentityResolver identities;
  private final boolean captureContent;

  private ParleyObservationFilter(Builder builder) {
    this.identities = builder.identities;
    this.captureContent = builder.captureContent;
  }

  /** A builder; by default no {@code user.id} and no message content. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Observation.Context map(Observation.Context context) {
    if (!(context instanceof ChatModelObservationContext) && !(context instanceof ToolCallingObservationContext)) {
      return context;
    }
    try {
      Optional<String> conversationId = conversationId(context);
      if (conversationId.isEmpty()) {
        return context;
      }
      addIfAbsent(context, CONVERSATION_ID, conversationId.get());
      userId(conversationId.get()).ifPresent(userId -> addIfAbsent(context, USER_ID, userId));
      if (captureContent && context instanceof ChatModelObservationContext chat) {
        if (chat.getRequest() != null) {
          addIfAbsent(context, INPUT_MESSAGES, GenAiMessages.input(chat.getRequest().getInstructions()));
        }
        ChatResponse response = chat.getResponse();
        if (response != null) {
          addIfAbsent(context, OUTPUT_MESSAGES, GenAiMessages.output(response));
        }
      }
    } catch (RuntimeException e) {
      log.debug("Could not add Parley's attributes to a {} observation: {}", context.getName(),
          e.getClass().getName());
    }
    return context;
  }

  /** The conversation of the nearest ChatClient observation above this one. */
  private static Optional<String> conversationId(Observation.ContextView context) {
    ObservationView parent = context.getParentObservation();
    for (int depth = 0; parent != null && depth < MAX_ANCESTORS; depth++) {
      Observation.ContextView view = parent.getContextView();
      if (view instanceof ChatClientObservationContext chatClient && chatClient.getRequest() != null) {
        return Optional.of(ExchangeRecorder.conversationKey(chatClient.getRequest().context()));
      }
      parent = view.getParentObservation();
    }
    return Optional.empty();
  }

  private Optional<String> userId(String conversationId) {
    if (identities == null) {
      return Optional.empty();
    }
    try {
      Identity identity = identities.resolve(conversationId);
      return identity == null ? Optional.empty() : identity.userId();
    } catch (RuntimeException e) {
      log.debug("The IdentityResolver failed for a conversation: {}", e.getClass().getName());
      return Optional.empty();
    }
  }

  private static void addIfAbsent(Observation.Context context, String key, String value) {
    if (context.getHighCardinalityKeyValue(key) == null && context.getLowCardinalityKeyValue(key) == null) {
      context.addHighCardinalityKeyValue(KeyValue.of(key, value));
    }
  }

  /** Settings for a {@link ParleyObservationFilter}. */
  public static final class Builder {
    private IdentityResolver identities;
    private boolean captureContent;

    private Builder() {}

    /**
     * Who each conversation is about, as for {@link ParleyAdvisor.Builder#identityResolver}: a
     * {@code userId} it gives is sent as {@code user.id}; without one the collector makes the
     * conversation's events anonymous ({@code conversation:<id>}). Called for each model and tool
     * observation, so it should be cheap.
     */
    public Builder identityResolver(IdentityResolver identities) {
      this.identities = Objects.requireNonNull(identities, "identities == null");
      return this;
    }

    /**
     * Whether model observations carry the prompt and the response as
     * {@code gen_ai.input.messages} / {@code gen_ai.output.messages}; default false. Without
     * them the collector stores each message with the body {@code "[NOT CAPTURED]"}.
     */
    public Builder captureContent(boolean captureContent) {
      this.captureContent = captureContent;
      return this;
    }

    public ParleyObservationFilter build() {
      return new ParleyObservationFilter(this);
    }
  }
}
