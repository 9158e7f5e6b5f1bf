package dev.parley.server.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a time series measures per bucket. Counts are 0 in a bucket without data; averages,
 * medians and rates are absent (null) there.
 */
public enum TimeseriesMetric {
  CONVERSATIONS("conversations", true),
  MESSAGES("messages", true),
  AVG_RATING("avgRating", false),
  RESPONSE_LATENCY_P50("responseLatencyP50", false),
  ABANDONED("abandoned", true),
  CONVERSION_RATE("conversionRate", false);

  private final String wireName;
  private final boolean count;

  TimeseriesMetric(String wireName, boolean count) {
    this.wireName = wireName;
    this.count = count;
  }

  /** The name used in the API, e.g. {@code avgRating}; also names the query resource. */
  public String wireName() {
    return wireName;
  }

  /** Whether an empty bucket counts 0 (true) or has no value (false). */
  public boolean isCount() {
    return count;
  }

  public static Optional<TimeseriesMetric> fromWireName(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(TimeseriesMetric::wireName).toList();
  }
}
