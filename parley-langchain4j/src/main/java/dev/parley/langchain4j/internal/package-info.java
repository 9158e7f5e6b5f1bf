/**
 * The machinery behind {@link dev.parley.langchain4j.ParleyLangChain4j}: per-conversation and
 * per-invocation state, the LangChain4j listeners and model decorators. Not a public API.
 */
package dev.parley.langchain4j.internal;
