package dev.parley.sdk.internal;

import dev.parley.sdk.Callback;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The client's settings, validated and defaulted by the public builder; {@code time} is
 * {@link SystemTime#INSTANCE} except in tests.
 */
public record Options(
    String writeKey,
    URI endpoint,
    int flushAt,
    Duration flushInterval,
    int maxQueueSize,
    Optional<Path> spoolDirectory,
    Callback callback,
    Duration closeTimeout,
    Duration requestTimeout,
    Duration minBackoff,
    Duration maxBackoff,
    int maxRetries,
    int maxConcurrentUploads,
    TimeSource time) {}
