package dev.parley.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.spec.SegmentLimits;
import java.util.List;
import java.util.Optional;

/**
 * A request body read into messages, before normalisation.
 *
 * @param messages the messages as sent (a batch may hold non-objects; they are refused later)
 * @param shared fields of a batch that apply to every message ({@code context},
 *     {@code integrations}, {@code sentAt}); empty for a single message
 * @param writeKey the {@code writeKey} field of the body, if any
 * @param imported whether the messages come from {@code parley import}: their times are kept
 *     as written (no clock-skew correction against the time of the import)
 * @param largestMessage bytes of the largest message as sent (0 when not measured)
 * @param sharedBytes bytes of the batch's {@code context} and {@code integrations} as sent: with
 *     {@code largestMessage}, a bound on any message once they are merged into it
 */
record ParsedRequest(List<JsonNode> messages, ObjectNode shared, Optional<String> writeKey, boolean imported,
    int largestMessage, int sharedBytes) {
  ParsedRequest {
    messages = List.copyOf(messages);
  }

  ParsedRequest(List<JsonNode> messages, ObjectNode shared, Optional<String> writeKey, boolean imported) {
    this(messages, shared, writeKey, imported, SegmentLimits.MAX_MESSAGE_BYTES, SegmentLimits.MAX_MESSAGE_BYTES);
  }

  ParsedRequest(List<JsonNode> messages, ObjectNode shared, Optional<String> writeKey) {
    this(messages, shared, writeKey, false);
  }

  /** Whether some message might come to over {@code limit} bytes once the batch's fields are merged into it. */
  boolean mergedMayExceed(int limit) {
    return (long) largestMessage + sharedBytes > limit;
  }
}
