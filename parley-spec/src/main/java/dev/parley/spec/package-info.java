/**
 * Segment's AI Copilot spec as code: the tracking plan ({@link dev.parley.spec.SpecEvent}),
 * the wire format's field names ({@link dev.parley.spec.WireFields}, {@link dev.parley.spec.MessageType})
 * and size limits ({@link dev.parley.spec.SegmentLimits}), and the {@link dev.parley.spec.Validator}
 * that checks one message against the plan.
 *
 * <p>Everything here is immutable and thread-safe. Values are non-null unless documented
 * otherwise.
 */
package dev.parley.spec;
