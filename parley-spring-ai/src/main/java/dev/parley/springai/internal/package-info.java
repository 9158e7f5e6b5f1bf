/**
 * The machinery behind {@link dev.parley.springai.ParleyAdvisor}: per-exchange state, the
 * advisor's recording and the tool observation handler. Conversation state, the builder's
 * settings, the sending of a reply with its tools and media, the failure guard and media
 * sub-types are shared with the other framework integrations through
 * {@code dev.parley.instrumentation}. Not a public API.
 */
package dev.parley.springai.internal;
