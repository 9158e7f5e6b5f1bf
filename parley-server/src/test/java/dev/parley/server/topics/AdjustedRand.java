package dev.parley.server.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The adjusted Rand index of two labelings of the same items (Hubert and Arabie, 1985): 1 when they agree, about 0 by chance. */
final class AdjustedRand {
  private AdjustedRand() {}

  static <A, B> double of(List<A> truth, List<B> found) {
    if (truth.size() != found.size()) {
      throw new IllegalArgumentException("labelings of different lengths");
    }
    Map<A, Map<B, Long>> table = new HashMap<>();
    Map<A, Long> rows = new HashMap<>();
    Map<B, Long> columns = new HashMap<>();
    for (int i = 0; i < truth.size(); i++) {
      table.computeIfAbsent(truth.get(i), k -> new HashMap<>()).merge(found.get(i), 1L, Long::sum);
      rows.merge(truth.get(i), 1L, Long::sum);
      columns.merge(found.get(i), 1L, Long::sum);
    }
    double index = 0;
    for (Map<B, Long> row : table.values()) {
      for (long n : row.values()) {
        index += pairs(n);
      }
    }
    double a = rows.values().stream().mapToDouble(AdjustedRand::pairs).sum();
    double b = columns.values().stream().mapToDouble(AdjustedRand::pairs).sum();
    double expected = a * b / pairs(truth.size());
    double max = (a + b) / 2;
    return max == expected ? 1.0 : (index - expected) / (max - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}
