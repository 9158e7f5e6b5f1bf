package dev.parley.sdk;

import static dev.parley.spec.PropertyNames.ACTION;
import static dev.parley.spec.PropertyNames.CONVERSATION_ID;
import static dev.parley.spec.PropertyNames.COST;
import static dev.parley.spec.PropertyNames.INPUT_TOKENS;
import static dev.parley.spec.PropertyNames.MESSAGE_BODY;
import static dev.parley.spec.PropertyNames.MESSAGE_COUNT;
import static dev.parley.spec.PropertyNames.MESSAGE_ID;
import static dev.parley.spec.PropertyNames.MODEL;
import static dev.parley.spec.PropertyNames.OUTPUT_TOKENS;
import static dev.parley.spec.PropertyNames.RATING;
import static dev.parley.spec.PropertyNames.ROLE;
import static dev.parley.spec.PropertyNames.SUB_TYPE;
import static dev.parley.spec.PropertyNames.TYPE;

import dev.parley.sdk.internal.RandomIds;
import dev.parley.sdk.internal.TypedProperties;
import dev.parley.spec.PropertySpec;
import dev.parley.spec.SpecEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chat thread between a user and a copilot; each method sends one spec event with the
 * spec's exact property names, the conversation's id, and the spec's default role.
 *
 * <p>Methods return at once (see {@link CopilotAnalytics}). Every method has an overload
 * taking extra properties, which may not reuse a name the method sets. Message bodies are
 * user content and are sent as given; other strings must not be blank. Thread-safe.
 *
 * <p>Message Received and Action Invoked also take a {@link Usage}: the model, its tokens and
 * the cost, sent as {@code model}, {@code input_tokens}, {@code output_tokens} and
 * {@code cost}. A {@code Usage} is the only way to send those four on these two events: extra
 * properties with one of their names are refused with an {@link IllegalArgumentException},
 * whether or not the call has a {@code Usage}.
 */
public final class Conversation {
  /** Per event, the property names its typed method sets, which extra properties may not reuse. */
  private static final Map<SpecEvent, Set<String>> RESERVED = reservedNames();
  /** Per event with a role, the spec's default role; looked up once rather than on every call. */
  private static final Map<SpecEvent, String> DEFAULT_ROLES = defaultRoles();

  private final CopilotAnalytics analytics;
  private final Identity identity;
  private final String conversationId;
  private final boolean seesEveryMessage;
  private final AtomicInteger messages = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();

  Conversation(CopilotAnalytics analytics, Identity identity, String conversationId, boolean seesEveryMessage) {
    this.analytics = analytics;
    this.identity = Objects.requireNonNull(identity, "identity == null");
    this.conversationId = notBlank(conversationId, "conversationId");
    this.seesEveryMessage = seesEveryMessage;
  }

  /** The conversation's id, sent as {@code conversationId} on every event. */
  public String conversationId() {
    return conversationId;
  }

  /** Who the conversation's events are about. */
  public Identity identity() {
    return identity;
  }

  /** Sends Message Sent with role {@code customer}; returns the new chat message's id. */
  public String messageSent(String body) {
    return message(SpecEvent.MESSAGE_SENT, body, defaultRole(SpecEvent.MESSAGE_SENT), Map.of());
  }

  /** Sends Message Sent with this role (such as {@code human_agent}); returns the message id. */
  public String messageSent(String body, String role) {
    return message(SpecEvent.MESSAGE_SENT, body, role, Map.of());
  }

  /** Sends Message Sent with role {@code customer} and extra properties; returns the message id. */
  public String messageSent(String body, Map<String, ?> properties) {
    return message(SpecEvent.MESSAGE_SENT, body, defaultRole(SpecEvent.MESSAGE_SENT), properties);
  }

  /** Sends Message Sent with this role and extra properties; returns the message id. */
  public String messageSent(String body, String role, Map<String, ?> properties) {
    return message(SpecEvent.MESSAGE_SENT, body, role, properties);
  }

  /** Sends Message Received with role {@code agent}; returns the new chat message's id. */
  public String messageReceived(String body) {
    return message(SpecEvent.MESSAGE_RECEIVED, body, defaultRole(SpecEvent.MESSAGE_RECEIVED), Map.of());
  }

  /** Sends Message Received with this role (such as {@code ai_agent}); returns the message id. */
  public String messageReceived(String body, String role) {
    return message(SpecEvent.MESSAGE_RECEIVED, body, role, Map.of());
  }

  /** Sends Message Received with role {@code agent} and extra properties; returns the message id. */
  public String messageReceived(String body, Map<String, ?> properties) {
    return message(SpecEvent.MESSAGE_RECEIVED, body, defaultRole(SpecEvent.MESSAGE_RECEIVED), properties);
  }

  /** Sends Message Received with this role and extra properties; returns the message id. */
  public String messageReceived(String body, String role, Map<String, ?> properties) {
    return message(SpecEvent.MESSAGE_RECEIVED, body, role, properties);
  }

  /** Sends Message Received with role {@code agent} and what the reply used; returns the message id. */
  public String messageReceived(String body, Usage usage) {
    return message(SpecEvent.MESSAGE_RECEIVED, body, defaultRole(SpecEvent.MESSAGE_RECEIVED), usage, Map.of());
  }

  /** Sends Message Received with role {@code agent}, what the reply used and extra properties; returns its id. */
  public String messageReceived(String body, Usage usage, Map<String, ?> properties) {
    return message(SpecEvent.MESSAGE_RECEIVED, body, defaultRole(SpecEvent.MESSAGE_RECEIVED), usage, properties);
  }

  /** Sends Message Received with this role, what the reply used and extra properties; returns its id. */
  public String messageReceived(String body, String role, Usage usage, Map<String, ?> properties) {
    return message(SpecEvent.MESSAGE_RECEIVED, body, role, usage, properties);
  }

  /** Sends Action Invoked (a tool or capability used) for a chat message, role {@code customer}. */
  public void actionInvoked(String messageId, String type, String action) {
    actionInvoked(messageId, type, action, defaultRole(SpecEvent.ACTION_INVOKED), Map.of());
  }

  /** Sends Action Invoked with role {@code customer} and extra properties. */
  public void actionInvoked(String messageId, String type, String action, Map<String, ?> properties) {
    actionInvoked(messageId, type, action, defaultRole(SpecEvent.ACTION_INVOKED), properties);
  }

  /** Sends Action Invoked with this role and extra properties. */
  public void actionInvoked(String messageId, String type, String action, String role, Map<String, ?> properties) {
    actionInvoked(messageId, type, action, role, Usage.none(), properties);
  }

  /** Sends Action Invoked with role {@code customer} and what the call used (a tool that calls a model). */
  public void actionInvoked(String messageId, String type, String action, Usage usage) {
    actionInvoked(messageId, type, action, defaultRole(SpecEvent.ACTION_INVOKED), usage, Map.of());
  }

  /** Sends Action Invoked with role {@code customer}, what the call used and extra properties. */
  public void actionInvoked(String messageId, String type, String action, Usage usage, Map<String, ?> properties) {
    actionInvoked(messageId, type, action, defaultRole(SpecEvent.ACTION_INVOKED), usage, properties);
  }

  /** Sends Action Invoked with this role, what the call used and extra properties. */
  public void actionInvoked(String messageId, String type, String action, String role, Usage usage,
      Map<String, ?> properties) {
    send(SpecEvent.ACTION_INVOKED, properties, withUsage(typed()
        .text(MESSAGE_ID, notBlank(messageId, "messageId")).text(TYPE, notBlank(type, "type"))
        .text(ACTION, notBlank(action, "action")).text(ROLE, notBlank(role, "role")), usage));
  }

  /** Sends Media Generated (such as type {@code image}, sub_type {@code gif}), role {@code agent}. */
  public void mediaGenerated(String messageId, String type, String subType) {
    mediaGenerated(messageId, type, subType, defaultRole(SpecEvent.MEDIA_GENERATED), Map.of());
  }

  /** Sends Media Generated with role {@code agent} and extra properties. */
  public void mediaGenerated(String messageId, String type, String subType, Map<String, ?> properties) {
    mediaGenerated(messageId, type, subType, defaultRole(SpecEvent.MEDIA_GENERATED), properties);
  }

  /** Sends Media Generated with this role and extra properties. */
  public void mediaGenerated(String messageId, String type, String subType, String role, Map<String, ?> properties) {
    send(SpecEvent.MEDIA_GENERATED, properties, typed()
        .text(MESSAGE_ID, notBlank(messageId, "messageId")).text(ROLE, notBlank(role, "role"))
        .text(TYPE, notBlank(type, "type")).text(SUB_TYPE, notBlank(subType, "subType")));
  }

  /** Sends Component Loaded (a UI component shown with a chat message). */
  public void componentLoaded(String messageId, String type) {
    componentLoaded(messageId, type, Map.of());
  }

  /** Sends Component Loaded with extra properties. */
  public void componentLoaded(String messageId, String type, Map<String, ?> properties) {
    send(SpecEvent.COMPONENT_LOADED, properties, typed()
        .text(MESSAGE_ID, notBlank(messageId, "messageId")).text(TYPE, notBlank(type, "type")));
  }

  /** Sends Feedback Submitted rating one chat message; a whole rating is sent as an integer. */
  public void feedback(String messageId, double rating) {
    feedback(messageId, rating, Map.of());
  }

  /** Sends Feedback Submitted rating one chat message, with extra properties. */
  public void feedback(String messageId, double rating, Map<String, ?> properties) {
    send(SpecEvent.FEEDBACK_SUBMITTED, properties, typed()
        .text(MESSAGE_ID, notBlank(messageId, "messageId")).number(RATING, finite(rating)));
  }

  /** Sends Feedback Submitted rating the whole conversation (no messageId). */
  public void feedback(double rating) {
    feedback(rating, Map.of());
  }

  /** Sends Feedback Submitted rating the whole conversation, with extra properties. */
  public void feedback(double rating, Map<String, ?> properties) {
    send(SpecEvent.FEEDBACK_SUBMITTED, properties, typed().number(RATING, finite(rating)));
  }

  /**
   * Sends any other track event as an outcome of this conversation (such as
   * {@code Item Purchased}), adding {@code conversationId}.
   *
   * @throws IllegalArgumentException for a spec event name, which has a typed method here
   */
  public void track(String event, Map<String, ?> properties) {
    Objects.requireNonNull(event, "event == null");
    notBlank(event, "event");
    if (SpecEvent.byName(event).isPresent()) {
      throw new IllegalArgumentException("\"" + event + "\" is a spec event; use its typed method");
    }
    analytics.enqueue(analytics.encoder().track(identity, event, Set.of(CONVERSATION_ID), properties,
        typed().build()));
  }

  /**
   * Sends Conversation Ended with {@code message_count}, the messages sent and received
   * through this handle (left out for a resumed conversation). Only the first call sends.
   */
  public void end() {
    end(Map.of());
  }

  /** Like {@link #end()}, with extra properties. */
  public void end(Map<String, ?> properties) {
    Objects.requireNonNull(properties, "properties == null");
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    if (seesEveryMessage) {
      send(SpecEvent.CONVERSATION_ENDED, properties, typed().number(MESSAGE_COUNT, messages.get()));
    } else {
      send(SpecEvent.CONVERSATION_ENDED, properties, typed());
    }
  }

  void started(Map<String, ?> properties) {
    send(SpecEvent.CONVERSATION_STARTED, properties, typed());
  }

  private String message(SpecEvent event, String body, String role, Map<String, ?> properties) {
    return message(event, body, role, Usage.none(), properties);
  }

  private String message(SpecEvent event, String body, String role, Usage usage, Map<String, ?> properties) {
    Objects.requireNonNull(body, "body == null");
    String chatMessageId = RandomIds.uuid();
    send(event, properties, withUsage(typed().text(MESSAGE_ID, chatMessageId)
        .text(MESSAGE_BODY, body).text(ROLE, notBlank(role, "role")), usage));
    messages.incrementAndGet();
    return chatMessageId;
  }

  /** The typed properties every event of this conversation starts with: its id. */
  private TypedProperties.Builder typed() {
    return TypedProperties.builder().text(CONVERSATION_ID, conversationId);
  }

  /** Adds the parts of {@code usage} that are set, after the spec's properties. */
  private static TypedProperties.Builder withUsage(TypedProperties.Builder typed, Usage usage) {
    Objects.requireNonNull(usage, "usage == null");
    if (usage.isEmpty()) {
      return typed;
    }
    usage.model().ifPresent(model -> typed.text(MODEL, model));
    usage.inputTokens().ifPresent(tokens -> typed.number(INPUT_TOKENS, tokens));
    usage.outputTokens().ifPresent(tokens -> typed.number(OUTPUT_TOKENS, tokens));
    usage.cost().ifPresent(cost -> typed.number(COST, cost));
    return typed;
  }

  private void send(SpecEvent event, Map<String, ?> properties, TypedProperties.Builder typed) {
    Objects.requireNonNull(properties, "properties == null");
    for (PropertySpec extension : event.extensions()) {
      if (properties.containsKey(extension.name())) {
        throw new IllegalArgumentException("\"" + extension.name() + "\" is sent from a Usage on "
            + event.eventName() + "; pass a Usage instead of an extra property");
      }
    }
    analytics.enqueue(analytics.encoder().track(identity, event.eventName(), RESERVED.get(event), properties,
        typed.build()));
  }

  private static Map<SpecEvent, Set<String>> reservedNames() {
    Map<SpecEvent, Set<String>> names = new EnumMap<>(SpecEvent.class);
    for (SpecEvent event : SpecEvent.values()) {
      names.put(event, Set.copyOf(event.properties().stream().map(PropertySpec::name).toList()));
    }
    return names;
  }

  private static Map<SpecEvent, String> defaultRoles() {
    Map<SpecEvent, String> roles = new EnumMap<>(SpecEvent.class);
    for (SpecEvent event : SpecEvent.values()) {
      event.property(ROLE).flatMap(PropertySpec::defaultValue).ifPresent(role -> roles.put(event, role));
    }
    return roles;
  }

  private static String defaultRole(SpecEvent event) {
    return Objects.requireNonNull(DEFAULT_ROLES.get(event), "no default role");
  }

  private static double finite(double rating) {
    if (!Double.isFinite(rating)) {
      throw new IllegalArgumentException("rating must be a finite number: " + rating);
    }
    return rating;
  }

  private static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }
}
