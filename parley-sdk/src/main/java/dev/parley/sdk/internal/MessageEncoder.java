package dev.parley.sdk.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.sdk.Identity;
import dev.parley.spec.MessageType;
import dev.parley.spec.WireFields;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.privacy.ContentMode;
import dev.parley.spec.privacy.ContentPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Serialises messages to Segment's wire form, once, on the calling thread.
 *
 * <p>Field order is fixed ({@code type, messageId, timestamp, userId, anonymousId, event,
 * properties|traits, context}) and typed properties come first in the order the caller
 * gives, then extra properties in the map's order. Stateless apart from the clock;
 * thread-safe.
 */
public final class MessageEncoder {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTEXT =
      "{\"library\":{\"name\":\"" + LibraryInfo.NAME + "\",\"version\":\"" + LibraryInfo.VERSION + "\"}}";
  private static final byte[] TYPE = ascii("{\"" + WireFields.TYPE + "\":");
  private static final byte[] MESSAGE_ID = ascii(",\"" + WireFields.MESSAGE_ID + "\":");
  private static final byte[] TIMESTAMP = ascii(",\"" + WireFields.TIMESTAMP + "\":");
  private static final byte[] USER_ID = ascii(",\"" + WireFields.USER_ID + "\":");
  private static final byte[] ANONYMOUS_ID = ascii(",\"" + WireFields.ANONYMOUS_ID + "\":");
  private static final byte[] EVENT = ascii(",\"" + WireFields.EVENT + "\":");
  private static final byte[] CONTEXT_FIELD = ascii(",\"" + WireFields.CONTEXT + "\":" + CONTEXT + "}");

  private final Clock clock;
  private final ContentPolicy content;

  /** An encoder stamping messages with this clock's time. */
  public MessageEncoder(Clock clock) {
    this(clock, ContentPolicy.keep());
  }

  /** An encoder that also applies a content policy to every message before it is queued. */
  public MessageEncoder(Clock clock, ContentPolicy content) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.content = Objects.requireNonNull(content, "content == null");
  }

  /** An ISO-8601 UTC timestamp with milliseconds, such as {@code 2026-11-20T10:00:00.000Z}. */
  public String now() {
    return Timestamps.format(clock.millis());
  }

  /**
   * Encodes a track message: the typed properties first, then the extra ones, which may
   * not use a name in {@code reserved}.
   *
   * @throws IllegalArgumentException when an extra property is reserved or is not JSON-like
   */
  public EncodedMessage track(Identity identity, String event, Set<String> reserved,
      Map<String, ?> extra, TypedProperties typed) {
    checkExtra(reserved, extra);
    String eventId = RandomIds.uuid();
    return new EncodedMessage(eventId, MessageType.TRACK.wireName(), event,
        write(identity, eventId, MessageType.TRACK.wireName(), event, WireFields.PROPERTIES, extra, typed));
  }

  /** Encodes an identify message with these traits. */
  public EncodedMessage identify(Identity identity, Map<String, ?> traits) {
    checkExtra(Set.of(), traits);
    String eventId = RandomIds.uuid();
    String type = MessageType.IDENTIFY.wireName();
    return new EncodedMessage(eventId, type, "",
        write(identity, eventId, type, null, WireFields.TRAITS, traits, TypedProperties.none()));
  }

  private byte[] write(Identity identity, String eventId, String type, String event, String bagName,
      Map<String, ?> extra, TypedProperties typed) {
    // Either way, the content policy treats the message before anything queues or spools it.
    return treated(extra.isEmpty() && typed.writableDirectly()
        ? writeDirect(identity, eventId, type, event, bagName, typed)
        : writeWithJackson(identity, eventId, type, event, bagName, extra, typed));
  }

  /**
   * The fast path, for typed values only (what every typed call sends): the same bytes as
   * {@link #writeWithJackson}, written without a generator. Only for properties that are
   * {@linkplain TypedProperties#writableDirectly() writable directly}.
   */
  byte[] writeDirect(Identity identity, String eventId, String type, String event, String bagName,
      TypedProperties typed) {
    JsonBuffer out = JsonBuffer.local()
        .raw(TYPE).string(type)
        .raw(MESSAGE_ID).string(eventId)
        .raw(TIMESTAMP).timestamp(clock.millis());
    if (identity.userId().isPresent()) {
      out.raw(USER_ID).string(identity.userId().get());
    }
    if (identity.anonymousId().isPresent()) {
      out.raw(ANONYMOUS_ID).string(identity.anonymousId().get());
    }
    if (event != null) {
      out.raw(EVENT).string(event);
    }
    if (!typed.isEmpty()) {
      out.raw(',').string(bagName).raw(':').raw('{');
      typed.writeTo(out);
      out.raw('}');
    }
    return out.raw(CONTEXT_FIELD).toByteArray();
  }

  byte[] writeWithJackson(Identity identity, String eventId, String type, String event, String bagName,
      Map<String, ?> extra, TypedProperties typed) {
    ByteArrayBuilder out = new ByteArrayBuilder(256 + 64 * typed.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField(WireFields.TYPE, type);
      g.writeStringField(WireFields.MESSAGE_ID, eventId);
      g.writeStringField(WireFields.TIMESTAMP, now());
      if (identity.userId().isPresent()) {
        g.writeStringField(WireFields.USER_ID, identity.userId().get());
      }
      if (identity.anonymousId().isPresent()) {
        g.writeStringField(WireFields.ANONYMOUS_ID, identity.anonymousId().get());
      }
      if (event != null) {
        g.writeStringField(WireFields.EVENT, event);
      }
      if (!typed.isEmpty() || !extra.isEmpty()) {
        g.writeObjectFieldStart(bagName);
        typed.writeTo(g);
        for (Map.Entry<String, ?> entry : extra.entrySet()) {
          g.writeFieldName(entry.getKey());
          g.writeObject(entry.getValue());
        }
        g.writeEndObject();
      }
      g.writeFieldName(WireFields.CONTEXT);
      g.writeRawValue(CONTEXT);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("properties cannot be written as JSON: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** The message with the content policy applied; the bytes as they are in keep mode (no extra pass). */
  private byte[] treated(byte[] message) {
    if (content.mode() == ContentMode.KEEP) {
      return message;
    }
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(message);
      return content.apply(tree) == 0 && content.mode() != ContentMode.DROP ? message : JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new IllegalStateException("a message just written cannot be read back", e);
    }
  }

  private static byte[] ascii(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static void checkExtra(Set<String> reserved, Map<String, ?> extra) {
    Objects.requireNonNull(extra, "properties == null");
    for (String name : extra.keySet()) {
      Objects.requireNonNull(name, "property name == null");
      if (reserved.contains(name)) {
        throw new IllegalArgumentException("\"" + name + "\" is set by the typed call; do not pass it as an extra property");
      }
    }
  }
}
