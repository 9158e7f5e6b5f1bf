package dev.parley.server.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The width of a time-series bucket; buckets start on whole UTC hours or days. */
public enum Interval {
  HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

  private final ChronoUnit unit;

  Interval(ChronoUnit unit) {
    this.unit = unit;
  }

  /** The name used in the API and as the unit of SQL's {@code date_trunc}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The start of the bucket that holds {@code instant}. */
  public Instant truncate(Instant instant) {
    return instant.truncatedTo(unit);
  }

  /** The start of the bucket after the one starting at {@code bucket}. */
  public Instant next(Instant bucket) {
    return bucket.plus(1, unit);
  }

  public static Optional<Interval> fromWireName(String name) {
    return Arrays.stream(values()).filter(i -> i.wireName().equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Interval::wireName).toList();
  }
}
