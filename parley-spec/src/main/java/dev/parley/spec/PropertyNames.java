package dev.parley.spec;

/**
 * The property names of the AI Copilot spec, spelled exactly as the spec spells them
 * (camelCase and snake_case mixed).
 *
 * <p>{@link #MESSAGE_ID} is the <em>chat message's</em> id inside {@code properties}; the
 * envelope's event id is {@link WireFields#MESSAGE_ID}, which happens to share the name.
 */
public final class PropertyNames {
  public static final String CONVERSATION_ID = "conversationId";
  public static final String MESSAGE_ID = "messageId";
  public static final String MESSAGE_BODY = "message_body";
  public static final String ROLE = "role";
  public static final String TYPE = "type";
  public static final String ACTION = "action";
  public static final String SUB_TYPE = "sub_type";
  public static final String RATING = "rating";
  public static final String MESSAGE_COUNT = "message_count";

  private PropertyNames() {}
}
