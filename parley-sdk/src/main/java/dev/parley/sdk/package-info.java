/**
 * Parley's typed Java client for Segment's AI Copilot spec.
 *
 * <p>Start with {@link dev.parley.sdk.CopilotAnalytics#builder(String)}, then open a
 * {@link dev.parley.sdk.Conversation} per chat thread. Every typed call produces a
 * spec-correct Segment {@code track} message and returns without touching the network;
 * delivery happens in the background with batching, retries and an optional disk spool.
 *
 * <p>Values are non-null unless documented otherwise; absent values are {@link java.util.Optional}.
 */
package dev.parley.sdk;
