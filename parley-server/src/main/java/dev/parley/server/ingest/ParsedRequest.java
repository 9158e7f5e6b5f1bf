package dev.parley.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 */
record ParsedRequest(List<JsonNode> messages, ObjectNode shared, Optional<String> writeKey, boolean imported) {
  ParsedRequest {
    messages = List.copyOf(messages);
  }

  ParsedRequest(List<JsonNode> messages, ObjectNode shared, Optional<String> writeKey) {
    this(messages, shared, writeKey, false);
  }
}
