package dev.parley.server.otlp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP/JSON, which is protobuf's JSON mapping with two differences that protobuf's own
 * {@link JsonFormat} does not know: trace and span ids are hex strings (not base64), and enums
 * are integers (which {@link JsonFormat} accepts). The body is read by Jackson (with its limits
 * on nesting and sizes), its ids are turned from hex into base64 where the format puts them,
 * and {@link JsonFormat} reads the rest into the generated classes. Thread-safe.
 */
final class OtlpJson {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final HexFormat HEX = HexFormat.of();

  private final ObjectMapper json;

  OtlpJson(ObjectMapper json) {
    this.json = json;
  }

  /** The request in {@code body}; throws {@link InvalidRequestException} for anything that is not one. */
  ExportTraceServiceRequest read(byte[] body) {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidRequestException("the body cannot be read: " + e.getMessage());
    }
    if (!(tree instanceof ObjectNode)) {
      throw new InvalidRequestException("the body must be a JSON object (an ExportTraceServiceRequest)");
    }
    for (JsonNode resourceSpans : each(tree, "resourceSpans", "resource_spans")) {
      for (JsonNode scopeSpans : each(resourceSpans, "scopeSpans", "scope_spans")) {
        for (JsonNode span : each(scopeSpans, "spans")) {
          hexToBase64(span, "traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id");
          for (JsonNode link : each(span, "links")) {
            hexToBase64(link, "traceId", "trace_id", "spanId", "span_id");
          }
        }
      }
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    try {
      PARSER.merge(tree.toString(), request);
      // Through the binary form once: JSON escapes can make strings protobuf would never hold (a lone
      // surrogate); writing them out as UTF-8 and reading them back leaves only what UTF-8 can say.
      return ExportTraceServiceRequest.parseFrom(request.build().toByteArray());
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRequestException("the body is not an OTLP trace export request: " + e.getMessage());
    } catch (RuntimeException e) { // JsonFormat's own checks (a number out of range, a wrong type) fail this way
      throw new InvalidRequestException("the body is not an OTLP trace export request: " + e.getMessage());
    }
  }

  /** The response as OTLP/JSON. */
  static String write(ExportTraceServiceResponse response) {
    try {
      return PRINTER.print(response);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e); // only Any fields with unknown types fail, and there are none
    }
  }

  /** A {@code google.rpc.Status} as JSON: the body of an OTLP/JSON error answer. */
  String status(int code, String message) {
    return json.createObjectNode().put("code", code).put("message", message).toString();
  }

  private static List<JsonNode> each(JsonNode parent, String... names) {
    for (String name : names) {
      JsonNode value = parent.get(name);
      if (value != null && value.isArray()) {
        List<JsonNode> items = new java.util.ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
      }
    }
    return List.of();
  }

  private static void hexToBase64(JsonNode node, String... names) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    for (String name : names) {
      JsonNode value = object.get(name);
      if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
        continue;
      }
      byte[] bytes;
      try {
        bytes = HEX.parseHex(value.textValue());
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException(name + " must be a hex string in OTLP/JSON, not \""
            + CopilotMessages.name(value.textValue()) + "\"");
      }
      object.put(name, Base64.getEncoder().encodeToString(bytes));
    }
  }
}
