package dev.parley.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.MessageType;
import dev.parley.spec.SegmentLimits;
import dev.parley.spec.Validator;
import dev.parley.spec.Violation;
import dev.parley.spec.ViolationCode;
import dev.parley.spec.WireFields;
import dev.parley.spec.privacy.ContentPolicy;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one message as sent into a {@link NormalisedEvent}: the batch's shared
 * {@code context} and {@code integrations} merged under the message's own, {@code action}
 * read as {@code type}, a {@code messageId} made when missing, {@code receivedAt} stamped,
 * the timestamp corrected for clock skew, the message validated, and misplaced spec
 * properties (such as a top-level {@code role}) moved into {@code properties}.
 * Stateless and thread-safe.
 */
final class Normaliser {
  /** The result for one message: an event, or the reason the whole request is refused. */
  sealed interface Outcome permits Accepted, Problem {}

  record Accepted(NormalisedEvent event) implements Outcome {}

  record Problem(int status, String detail) implements Outcome {}

  private final ObjectMapper json;
  private final Validator validator = Validator.standard();

  Normaliser(ObjectMapper json) {
    this.json = json;
  }

  Outcome normalise(JsonNode node, int index, ParsedRequest request, Optional<MessageType> impliedType,
      String source, Instant receivedAt) {
    return normalise(node, index, request, impliedType, source, receivedAt, ContentPolicy.keep());
  }

  /** As above, with the source's content policy applied once the message is in its final shape. */
  Outcome normalise(JsonNode node, int index, ParsedRequest request, Optional<MessageType> impliedType,
      String source, Instant receivedAt, ContentPolicy content) {
    if (!(node instanceof ObjectNode message)) {
      return new Problem(400, "message " + index + " is not a JSON object");
    }
    boolean merged = mergeShared(message, request.shared(), WireFields.CONTEXT);
    merged |= mergeShared(message, request.shared(), WireFields.INTEGRATIONS);
    message.remove(WireFields.WRITE_KEY);
    if (merged && request.mergedMayExceed(SegmentLimits.MAX_MESSAGE_BYTES)) { // measured only when it may be over
      int size = byteSize(message);
      if (size > SegmentLimits.MAX_MESSAGE_BYTES) {
        return new Problem(413, "message " + index + " is " + size + " bytes with the batch's context and"
            + " integrations merged in, over the limit of 32 KB per message as stored; send a smaller batch context");
      }
    }

    JsonNode stated = message.get(WireFields.TYPE);
    if (stated != null && !stated.isNull()
        && (!stated.isTextual() || MessageType.fromWireName(stated.textValue()).isEmpty())) {
      return new Problem(400, "message " + index + " has an unknown type " + stated
          + "; known types: track, identify, page, screen, group, alias");
    }
    Optional<MessageType> type = MessageType.of(message).or(() -> impliedType);
    if (type.isEmpty()) {
      return new Problem(400, "message " + index + " has no known type (track, identify, page, screen, group, alias)");
    }
    JsonNode action = message.get(WireFields.ACTION);
    if (!message.hasNonNull(WireFields.TYPE) && action != null && action.isTextual()
        && MessageType.fromWireName(action.textValue()).isPresent()) {
      message.remove(WireFields.ACTION); // it was the type, written the spec's way
    }
    message.put(WireFields.TYPE, type.get().wireName());
    if (type.get() == MessageType.IDENTIFY && !message.has(WireFields.TRAITS)
        && message.get(WireFields.PROPERTIES) instanceof ObjectNode properties) {
      // The spec's Identify example writes "properties"; Segment means traits.
      message.remove(WireFields.PROPERTIES);
      message.set(WireFields.TRAITS, properties);
    }
    String userId = identity(message.get(WireFields.USER_ID));
    String anonymousId = identity(message.get(WireFields.ANONYMOUS_ID));
    if (userId == null && anonymousId == null) {
      return new Problem(400, "message " + index + " has neither userId nor anonymousId; send at least one");
    }
    String messageId = identity(message.get(WireFields.MESSAGE_ID));
    if (messageId == null) {
      messageId = "parley-" + UUID.randomUUID();
    } else if (messageId.length() > SegmentLimits.MAX_MESSAGE_ID_LENGTH) {
      return new Problem(413, "message " + index + " has a messageId of " + messageId.length()
          + " characters; it must be under " + (SegmentLimits.MAX_MESSAGE_ID_LENGTH + 1) + " characters");
    }
    message.put(WireFields.MESSAGE_ID, messageId);

    List<Violation> violations = validator.validate(message);
    moveMisplaced(message, violations);
    content.apply(message); // before the body is written out: nothing later sees the text
    Times times = request.imported() ? keepTimes(message, receivedAt) : stampTimes(message, request.shared(), receivedAt);
    return new Accepted(EventColumns.of(message, type.get(), source, messageId, userId, anonymousId,
        times.timestamp, times.original, times.sentAt, times.receivedAt, json, violations));
  }

  private record Times(Instant timestamp, Instant original, Instant sentAt, Instant receivedAt) {}

  /**
   * Imported messages keep their times: no client clock can be corrected against the time of
   * the import. An exported event's receivedAt and originalTimestamp are kept too, but a
   * receivedAt after the import is the import's: retention counts from it.
   */
  private static Times keepTimes(ObjectNode message, Instant now) {
    Instant receivedAt = Timestamps.parse(message.get(WireFields.RECEIVED_AT)).filter(t -> !t.isAfter(now))
        .orElse(now);
    JsonNode originalText = message.hasNonNull(WireFields.ORIGINAL_TIMESTAMP)
        ? message.get(WireFields.ORIGINAL_TIMESTAMP) : message.get(WireFields.TIMESTAMP);
    Optional<Instant> original = Timestamps.parse(originalText);
    Instant timestamp = Timestamps.parse(message.get(WireFields.TIMESTAMP)).or(() -> original).orElse(receivedAt);
    if (originalText != null && !originalText.isNull()) {
      message.set(WireFields.ORIGINAL_TIMESTAMP, originalText);
    }
    message.put(WireFields.TIMESTAMP, timestamp.toString());
    message.put(WireFields.RECEIVED_AT, receivedAt.toString());
    return new Times(timestamp, original.orElse(null), Timestamps.parse(message.get(WireFields.SENT_AT)).orElse(null),
        receivedAt);
  }

  private static Times stampTimes(ObjectNode message, ObjectNode shared, Instant receivedAt) {
    JsonNode sentText = message.hasNonNull(WireFields.SENT_AT) ? message.get(WireFields.SENT_AT)
        : shared.get(WireFields.SENT_AT);
    Optional<Instant> sentAt = Timestamps.parse(sentText);
    JsonNode originalText = message.get(WireFields.TIMESTAMP);
    Optional<Instant> original = Timestamps.parse(originalText);
    Instant timestamp = Timestamps.corrected(original, sentAt, receivedAt);
    if (originalText != null && !originalText.isNull()) {
      message.set(WireFields.ORIGINAL_TIMESTAMP, originalText);
    }
    if (sentText != null && !sentText.isNull()) {
      message.set(WireFields.SENT_AT, sentText);
    }
    message.put(WireFields.TIMESTAMP, timestamp.toString());
    message.put(WireFields.RECEIVED_AT, receivedAt.toString());
    return new Times(timestamp, original.orElse(null), sentAt.orElse(null), receivedAt);
  }

  /**
   * The message's own fields win; objects present in both are merged key by key. True when
   * anything of the batch's was copied in.
   */
  private static boolean mergeShared(ObjectNode message, ObjectNode shared, String field) {
    JsonNode batchValue = shared.get(field);
    if (batchValue == null || !batchValue.isObject() || batchValue.isEmpty()) {
      return false;
    }
    JsonNode own = message.get(field);
    if (own == null || own.isNull()) {
      message.set(field, batchValue.deepCopy());
      return true;
    }
    if (own.isObject()) {
      mergeUnder((ObjectNode) own, (ObjectNode) batchValue);
      return true;
    }
    return false;
  }

  /** The message's size as UTF-8 JSON. */
  private int byteSize(ObjectNode message) {
    try {
      return json.writeValueAsBytes(message).length;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mergeUnder(ObjectNode own, ObjectNode shared) {
    for (Iterator<Map.Entry<String, JsonNode>> it = shared.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode mine = own.get(entry.getKey());
      if (mine == null) {
        own.set(entry.getKey(), entry.getValue().deepCopy());
      } else if (mine.isObject() && entry.getValue().isObject()) {
        mergeUnder((ObjectNode) mine, (ObjectNode) entry.getValue());
      }
    }
  }

  /** Moves each top-level spec property the validator flagged into {@code properties}. */
  private static void moveMisplaced(ObjectNode message, List<Violation> violations) {
    for (Violation v : violations) {
      if (v.code() != ViolationCode.MISPLACED_PROPERTY || !message.has(v.path())) {
        continue;
      }
      JsonNode properties = message.get(WireFields.PROPERTIES);
      if (properties == null || properties.isNull()) {
        properties = message.putObject(WireFields.PROPERTIES);
      }
      if (properties instanceof ObjectNode target && !target.has(v.path())) {
        target.set(v.path(), message.remove(v.path()));
      }
    }
  }

  /** A usable id: a non-blank string, or a number as text; else null. */
  static String identity(JsonNode id) {
    if (id == null) {
      return null;
    }
    if (id.isTextual()) {
      return id.textValue().isBlank() ? null : id.textValue();
    }
    return id.isNumber() ? id.asText() : null;
  }
}
