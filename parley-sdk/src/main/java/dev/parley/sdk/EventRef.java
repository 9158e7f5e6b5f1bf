package dev.parley.sdk;

import java.util.Objects;
import java.util.Optional;

/**
 * The message a {@link Callback} reports on: its envelope id and what it was.
 *
 * <p>{@code eventId} is the Segment envelope's top-level {@code messageId} (the id the
 * server dedupes on), not the chat message id inside {@code properties}.
 *
 * @param eventId the envelope's {@code messageId}, a UUID
 * @param type the Segment message type: {@code track} or {@code identify}
 * @param event the track event name; empty for an identify
 */
public record EventRef(String eventId, String type, Optional<String> event) {
  /** Checks that no component is null. */
  public EventRef {
    Objects.requireNonNull(eventId, "eventId == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(event, "event == null");
  }
}
