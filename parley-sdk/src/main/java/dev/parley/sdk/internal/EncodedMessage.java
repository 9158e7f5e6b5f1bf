package dev.parley.sdk.internal;

import dev.parley.sdk.EventRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One message serialised once, at the call; these exact bytes are measured, batched,
 * sent and spooled.
 *
 * @param eventId the envelope's {@code messageId}
 * @param type {@code track} or {@code identify}
 * @param event the track event name, or empty for an identify
 * @param json the message as compact UTF-8 JSON on one line
 */
public record EncodedMessage(String eventId, String type, String event, byte[] json) {
  public EncodedMessage {
    Objects.requireNonNull(eventId, "eventId == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(event, "event == null");
    Objects.requireNonNull(json, "json == null");
  }

  /** The size of the JSON in bytes. */
  public int size() {
    return json.length;
  }

  /** The reference handed to callbacks. */
  public EventRef ref() {
    return new EventRef(eventId, type, event.isEmpty() ? Optional.empty() : Optional.of(event));
  }
}
