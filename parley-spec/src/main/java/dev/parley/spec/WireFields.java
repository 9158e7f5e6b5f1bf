package dev.parley.spec;

import java.util.Set;

/** Top-level field names of a message in Segment's HTTP Tracking API. */
public final class WireFields {
  public static final String TYPE = "type";
  /** The spec's examples write {@code "action": "track"}; accepted when {@code type} is absent. */
  public static final String ACTION = "action";
  public static final String EVENT = "event";
  public static final String USER_ID = "userId";
  public static final String ANONYMOUS_ID = "anonymousId";
  public static final String PREVIOUS_ID = "previousId";
  public static final String GROUP_ID = "groupId";
  public static final String NAME = "name";
  /** The envelope's event id, used for dedupe. Not the chat message id in {@code properties}. */
  public static final String MESSAGE_ID = "messageId";
  public static final String TIMESTAMP = "timestamp";
  public static final String ORIGINAL_TIMESTAMP = "originalTimestamp";
  public static final String SENT_AT = "sentAt";
  public static final String RECEIVED_AT = "receivedAt";
  public static final String PROPERTIES = "properties";
  public static final String TRAITS = "traits";
  public static final String CONTEXT = "context";
  public static final String INTEGRATIONS = "integrations";
  public static final String WRITE_KEY = "writeKey";
  public static final String BATCH = "batch";

  /** Fields that belong to the envelope, so never count as a misplaced property. */
  public static final Set<String> ENVELOPE =
      Set.of(
          TYPE, ACTION, EVENT, USER_ID, ANONYMOUS_ID, PREVIOUS_ID, GROUP_ID, NAME, MESSAGE_ID,
          TIMESTAMP, ORIGINAL_TIMESTAMP, SENT_AT, RECEIVED_AT, PROPERTIES, TRAITS, CONTEXT,
          INTEGRATIONS, WRITE_KEY, "version", "channel", "category");

  private WireFields() {}
}
