package dev.parley.bench.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark's result from JMH's JSON output ({@code -rf json}).
 *
 * @param benchmark the method, without its class ({@code parley4})
 * @param threads the thread count it ran with
 * @param score the primary score, such as ns/op
 * @param error the primary score's 99.9% error, or NaN with too few iterations
 * @param unit the primary score's unit
 * @param secondary the JSON object of secondary results, by name
 */
record JmhResult(String benchmark, int threads, double score, double error, String unit, JsonNode secondary) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads every result in the file, in its order. */
  static List<JmhResult> read(Path file) throws IOException {
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode run : JSON.readTree(file.toFile())) {
      String name = run.path("benchmark").asText();
      JsonNode primary = run.path("primaryMetric");
      results.add(new JmhResult(name.substring(name.lastIndexOf('.') + 1), run.path("threads").asInt(),
          primary.path("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN),
          primary.path("scoreUnit").asText(), run.path("secondaryMetrics")));
    }
    return results;
  }

  /**
   * Reads the results from JMH's console output instead, for a run cut short before it
   * wrote its JSON; the thread count is taken from a {@code tNN_} method name.
   */
  static List<JmhResult> readText(Path file) throws IOException {
    List<JmhResult> results = new ArrayList<>();
    Matcher m = RESULT.matcher(Files.readString(file));
    JmhResult current = null;
    while (m.find()) {
      String name = m.group(2);
      double score = Double.parseDouble(m.group(4));
      if (m.group(1).startsWith("Result")) {
        int threads = name.matches("t\\d+_.*") ? Integer.parseInt(name.substring(1, name.indexOf('_'))) : 1;
        current = new JmhResult(name, threads, score, m.group(5) == null ? Double.NaN : Double.parseDouble(m.group(5)),
            m.group(6), JSON.createObjectNode());
        results.add(current);
      } else if (current != null && current.benchmark().equals(name)) {
        ((ObjectNode) current.secondary()).putObject(m.group(3)).put("score", score);
      }
    }
    return results;
  }

  private static final Pattern RESULT = Pattern.compile(
      "(Result|Secondary result) \"[\\w.]*\\.(\\w+)(?::([\\w.]+))?\":\\s+([\\d.]+)(?: ±\\(99.9%\\) ([\\d.]+))? (\\S+)");

  /** A secondary result's score, such as {@code gc.alloc.rate.norm}. */
  Optional<Double> secondary(String name) {
    JsonNode metric = secondary.get(name);
    return metric == null ? Optional.empty() : Optional.of(metric.path("score").asDouble());
  }
}
