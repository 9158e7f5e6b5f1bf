package dev.parley.server.analytics;

import java.time.Instant;
import java.util.List;

/**
 * One event of a conversation's transcript, as stored: {@code eventId} is the envelope
 * messageId, {@code chatMessageId} the chat message it belongs to, {@code body} the whole
 * message as JSON text. A message event (Message Sent or Received) carries, in
 * {@code attached}, the actions, media, components and feedback that refer to it; every
 * other event has an empty list. Nullable: every field but seq, eventId, type, ts,
 * body and attached.
 */
public record TranscriptEvent(
    long seq,
    String eventId,
    String type,
    String event,
    String userId,
    String anonymousId,
    Instant ts,
    String role,
    String chatMessageId,
    String messageBody,
    String itemType,
    String action,
    String subType,
    Double rating,
    Long messageCount,
    String body,
    List<TranscriptEvent> attached) {

  public TranscriptEvent {
    attached = List.copyOf(attached);
  }

  boolean is(String eventName) {
    return eventName.equals(event);
  }

  boolean isMessage() {
    return is("Message Sent") || is("Message Received");
  }

  TranscriptEvent withAttached(List<TranscriptEvent> events) {
    return new TranscriptEvent(seq, eventId, type, event, userId, anonymousId, ts, role, chatMessageId, messageBody,
        itemType, action, subType, rating, messageCount, body, events);
  }
}
