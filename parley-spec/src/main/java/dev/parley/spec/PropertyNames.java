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

  // Extensions of the spec (see SpecEvent#extensions): what a reply or a tool call used and cost.
  /** The model that made a reply or ran a tool call, such as {@code gpt-4o}. */
  public static final String MODEL = "model";
  /** Tokens the model read for it: an integer, 0 or more. */
  public static final String INPUT_TOKENS = "input_tokens";
  /** Tokens the model wrote for it: an integer, 0 or more. */
  public static final String OUTPUT_TOKENS = "output_tokens";
  /** What it cost, in the currency of the collector's price table: a number, 0 or more. */
  public static final String COST = "cost";

  private PropertyNames() {}
}
