package dev.parley.sdk;

/**
 * A snapshot of the client's counters, taken by {@link CopilotAnalytics#stats()}.
 *
 * <p>{@code delivered}, {@code failed}, {@code dropped} and {@code retried} count since the
 * client was built; {@code queued} and {@code spooled} are what is waiting right now.
 *
 * @param delivered messages the collector acknowledged
 * @param failed messages sent and given up on (refused by the collector, or retries
 *     exhausted without a spool)
 * @param dropped messages never sent: over 32 KB, queue full without a spool, or after close
 * @param retried message send attempts repeated after a failed attempt (a retried batch of
 *     ten counts ten)
 * @param queued messages held in memory: queued, batched or being delivered
 * @param spooled messages waiting in the spool directory
 */
public record Stats(long delivered, long failed, long dropped, long retried, long queued, long spooled) {}
