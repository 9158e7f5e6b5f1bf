package dev.parley.server.analytics;

import java.util.List;

/**
 * A data-quality finding across one conversation's events: accepted at ingest, but out of
 * the order or agreement the spec implies. {@code seq} and {@code eventId} name the event
 * concerned; {@code message} says what is wrong in a sentence.
 */
public record SequenceFinding(String code, long seq, String eventId, String message) {
  /** A Message Sent or Received earlier than the Conversation Started. */
  public static final String MESSAGE_BEFORE_START = "message_before_start";
  /** Any event later than the Conversation Ended. */
  public static final String EVENT_AFTER_END = "event_after_end";
  /** Feedback Submitted for a messageId that no message of the conversation had. */
  public static final String FEEDBACK_UNKNOWN_MESSAGE = "feedback_unknown_message";
  /** A Conversation Ended whose message_count differs from the messages stored. */
  public static final String MESSAGE_COUNT_MISMATCH = "message_count_mismatch";

  /** Every code, in the order findings are listed for one event. */
  public static final List<String> CODES = List.of(
      MESSAGE_BEFORE_START, EVENT_AFTER_END, FEEDBACK_UNKNOWN_MESSAGE, MESSAGE_COUNT_MISMATCH);
}
