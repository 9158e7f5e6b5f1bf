/**
 * The machinery behind {@link dev.parley.langchain4j.ParleyLangChain4j}: per-invocation state,
 * the LangChain4j listeners and model decorators. Conversation state, the builder's settings,
 * the sending of a reply with its tools and media, the failure guard and media sub-types are
 * shared with the other framework integrations through {@code dev.parley.instrumentation}. Not a
 * public API.
 */
package dev.parley.langchain4j.internal;
