package dev.parley.server.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a breakdown measures in each group; each is one column of {@code breakdown.sql}. */
public enum BreakdownMetric {
  EVENTS("events", "events"),
  CONVERSATIONS("conversations", "conversations"),
  MESSAGES("messages", "messages"),
  AVG_RATING("avgRating", "avg_rating");

  private final String wireName;
  private final String column;

  BreakdownMetric(String wireName, String column) {
    this.wireName = wireName;
    this.column = column;
  }

  public String wireName() {
    return wireName;
  }

  String column() {
    return column;
  }

  public static Optional<BreakdownMetric> fromWireName(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(BreakdownMetric::wireName).toList();
  }
}
