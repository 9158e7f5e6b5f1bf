package dev.parley.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.SegmentLimits;
import dev.parley.spec.WireFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a request body into messages. A batch is read as a stream, one message at a time,
 * so the per-message size and the message count are checked as each message is read.
 * Jackson's stream constraints bound nesting depth and number length: too deep or too long
 * is a parse error (400), never a crash.
 */
final class RequestParser {
  private final ObjectMapper json;
  private final JsonFactory factory;

  RequestParser(ObjectMapper json) {
    this.json = json;
    this.factory = json.getFactory();
  }

  ParsedRequest parse(byte[] body, Endpoint endpoint) {
    if (body.length == 0) {
      throw Rejection.badRequest("the body is empty; send a JSON object").toException();
    }
    int bad = Utf8.firstMalformed(body);
    if (bad >= 0) {
      throw Rejection.badRequest("the body is not valid UTF-8 (at byte " + bad + ")").toException();
    }
    int half = Utf8.firstUnpairedSurrogateEscape(body);
    if (half >= 0) {
      throw Rejection.badRequest("the body has an unpaired UTF-16 surrogate escape \""
          + new String(body, half, 6, StandardCharsets.US_ASCII) + "\" at byte " + half
          + "; a surrogate must be followed by its other half").toException();
    }
    try (JsonParser parser = factory.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw Rejection.badRequest("the body must be a JSON object").toException();
      }
      ParsedRequest request = endpoint.isBatch() ? readBatch(parser) : readSingle(parser);
      if (parser.nextToken() != null) {
        throw Rejection.badRequest("unexpected content after the JSON object").toException();
      }
      return request;
    } catch (JsonProcessingException e) {
      throw Rejection.badRequest("the body is not valid JSON: " + e.getOriginalMessage()).toException();
    } catch (IOException e) {
      throw Rejection.badRequest("the body cannot be read: " + e.getMessage()).toException();
    }
  }

  private ParsedRequest readSingle(JsonParser parser) throws IOException {
    ObjectNode message = json.readTree(parser);
    ObjectNode shared = json.createObjectNode();
    return new ParsedRequest(List.of(message), shared, writeKey(message));
  }

  private ParsedRequest readBatch(JsonParser parser) throws IOException {
    ObjectNode shared = json.createObjectNode();
    List<JsonNode> messages = null;
    int[] largest = {0};
    long sharedBytes = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (WireFields.BATCH.equals(name)) {
        if (value != JsonToken.START_ARRAY) {
          throw Rejection.badRequest("\"batch\" must be an array of messages").toException();
        }
        messages = readMessages(parser, largest);
      } else {
        long start = parser.currentTokenLocation().getByteOffset();
        shared.set(name, json.readTree(parser));
        if (WireFields.CONTEXT.equals(name) || WireFields.INTEGRATIONS.equals(name)) {
          sharedBytes += parser.currentLocation().getByteOffset() - start;
        }
      }
    }
    if (messages == null) {
      throw Rejection.badRequest("the body has no \"batch\" array").toException();
    }
    Optional<String> writeKey = writeKey(shared);
    shared.remove(WireFields.WRITE_KEY);
    return new ParsedRequest(messages, shared, writeKey, false, largest[0],
        (int) Math.min(Integer.MAX_VALUE, sharedBytes));
  }

  /** Reads the batch's messages; {@code largest[0]} becomes the size of the largest, in bytes as sent. */
  private List<JsonNode> readMessages(JsonParser parser, int[] largest) throws IOException {
    List<JsonNode> messages = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (messages.size() == SegmentLimits.MAX_BATCH_MESSAGES) {
        throw Rejection.tooLarge("batch over the limit of " + SegmentLimits.MAX_BATCH_MESSAGES
            + " messages per batch; split it and send the parts").toException();
      }
      long start = parser.currentTokenLocation().getByteOffset();
      JsonNode message = json.readTree(parser);
      long end = parser.currentLocation().getByteOffset();
      if (end - start > SegmentLimits.MAX_MESSAGE_BYTES) {
        throw Rejection.tooLarge("message " + messages.size() + " is over the limit of 32 KB per message")
            .toException();
      }
      largest[0] = (int) Math.max(largest[0], end - start);
      messages.add(message);
    }
    return messages;
  }

  private static Optional<String> writeKey(JsonNode node) {
    JsonNode key = node.get(WireFields.WRITE_KEY);
    return key != null && key.isTextual() ? Optional.of(key.textValue()) : Optional.empty();
  }
}
