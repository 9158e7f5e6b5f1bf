package dev.parley.server.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * Where ingest hands accepted messages. The future completes once the submission is durable
 * (committed), or fails with {@link SinkUnavailableException} when it cannot be taken now.
 * Implementations are thread-safe.
 */
public interface EventSink {
  CompletableFuture<Void> submit(Submission submission);
}
