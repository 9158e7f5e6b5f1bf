package dev.parley.server.analytics;

/** One group of a breakdown: its key (null for events without one) and the metric's value. */
public record BreakdownRow(String key, double value) {}
