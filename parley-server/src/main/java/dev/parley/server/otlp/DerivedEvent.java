package dev.parley.server.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Segment track message derived from a span.
 *
 * @param message the message, as a Segment client would send it
 * @param span the position of the span it came from in its request (see {@link SpanView#index()})
 */
record DerivedEvent(ObjectNode message, int span) {}
