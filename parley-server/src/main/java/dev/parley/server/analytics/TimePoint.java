package dev.parley.server.analytics;

import java.time.Instant;

/** One bucket of a time series: its start and its value (null when it has none). */
public record TimePoint(Instant t, Double value) {}
