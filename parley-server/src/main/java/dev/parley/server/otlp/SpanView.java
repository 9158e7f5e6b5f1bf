package dev.parley.server.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One span of an export request with what surrounds it (its resource and scope), its
 * attributes by key, and its parent when the same request holds it. Not thread-safe: made
 * and read by the thread that maps one request.
 */
final class SpanView {
  private static final HexFormat HEX = HexFormat.of();
  /** How far up the parents of one request an inherited attribute is looked for. */
  private static final int MAX_ANCESTORS = 32;

  private final int index;
  private final Resource resource;
  private final InstrumentationScope scope;
  private final Span span;
  private final Map<String, AnyValue> attributes;
  private final Map<String, AnyValue> resourceAttributes;
  private SpanView parent;
  private SiblingTurns siblingTurns;
  private int turnPosition = -1;

  SpanView(int index, Resource resource, Map<String, AnyValue> resourceAttributes, InstrumentationScope scope,
      Span span) {
    this.index = index;
    this.resource = resource;
    this.resourceAttributes = resourceAttributes;
    this.scope = scope;
    this.span = span;
    this.attributes = byKey(span.getAttributesList());
  }

  /** The attributes as a map; of a repeated key the last value counts. */
  static Map<String, AnyValue> byKey(List<KeyValue> list) {
    Map<String, AnyValue> map = new HashMap<>(list.size() * 2);
    for (KeyValue kv : list) {
      map.put(kv.getKey(), kv.getValue());
    }
    return map;
  }

  /** The position of the span in its request, counted across resources and scopes from 0. */
  int index() {
    return index;
  }

  Span span() {
    return span;
  }

  Resource resource() {
    return resource;
  }

  InstrumentationScope scope() {
    return scope;
  }

  void parent(SpanView parent) {
    this.parent = parent;
  }

  /** The parent span, when the same request holds it. */
  Optional<SpanView> parent() {
    return Optional.ofNullable(parent);
  }

  /** The turns of the request under the same parent span (whether the request holds the parent or not). */
  Optional<SiblingTurns> siblingTurns() {
    return Optional.ofNullable(siblingTurns);
  }

  void siblingTurns(SiblingTurns siblingTurns) {
    this.siblingTurns = siblingTurns;
  }

  /** This turn's place among its {@link #siblingTurns()} in start order; -1 for a span that is no turn. */
  int turnPosition() {
    return turnPosition;
  }

  void turnPosition(int turnPosition) {
    this.turnPosition = turnPosition;
  }

  boolean validIds() {
    return span.getTraceId().size() == 16 && span.getSpanId().size() == 8 && !allZero(span.getTraceId().toByteArray())
        && !allZero(span.getSpanId().toByteArray());
  }

  String traceId() {
    return HEX.formatHex(span.getTraceId().toByteArray());
  }

  String spanId() {
    return HEX.formatHex(span.getSpanId().toByteArray());
  }

  /** The parent's span id in hex; empty for a root span. */
  Optional<String> parentSpanId() {
    return span.getParentSpanId().size() == 8 ? Optional.of(HEX.formatHex(span.getParentSpanId().toByteArray()))
        : Optional.empty();
  }

  /** The span's own attribute. */
  Optional<AnyValue> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  /** The span's own attribute as text (a string, or a number or boolean written as text). */
  Optional<String> text(String key) {
    return attribute(key).flatMap(AnyValues::text);
  }

  /**
   * An attribute of the span, else of its nearest ancestor in the request that has it, else of
   * its resource: a conversation id set on an agent's span holds for the tool calls inside it.
   */
  Optional<String> inherited(String key) {
    SpanView at = this;
    for (int depth = 0; at != null && depth <= MAX_ANCESTORS; depth++, at = at.parent) {
      Optional<String> own = at.text(key).filter(v -> !v.isBlank());
      if (own.isPresent()) {
        return own;
      }
    }
    return Optional.ofNullable(resourceAttributes.get(key)).flatMap(AnyValues::text).filter(v -> !v.isBlank());
  }

  /** The resource's attribute as text. */
  Optional<String> resourceText(String key) {
    return Optional.ofNullable(resourceAttributes.get(key)).flatMap(AnyValues::text);
  }

  /** The start, or empty when the span does not say. */
  Optional<Instant> start() {
    return instant(span.getStartTimeUnixNano());
  }

  /** The end; the start when the end is missing or before it. */
  Optional<Instant> end() {
    long end = span.getEndTimeUnixNano();
    return end == 0 || Long.compareUnsigned(end, span.getStartTimeUnixNano()) < 0 ? start() : instant(end);
  }

  private static Optional<Instant> instant(long unixNanos) {
    // Unsigned in the protocol; past 2262 it wraps negative: such a time is not a time.
    return unixNanos <= 0 ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L));
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
