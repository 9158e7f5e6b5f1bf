/**
 * The machinery behind {@link dev.parley.springai.ParleyAdvisor} and
 * {@link dev.parley.springai.ParleyObservationFilter}: per-exchange state, the advisor's
 * recording, the tool observation handler and the GenAI conventions' JSON of messages.
 * Conversation state, the builder's settings, the sending of a reply with its tools and media,
 * the failure guard and media sub-types are shared with the other framework integrations
 * through {@code dev.parley.instrumentation}. Not a public API.
 */
package dev.parley.springai.internal;
