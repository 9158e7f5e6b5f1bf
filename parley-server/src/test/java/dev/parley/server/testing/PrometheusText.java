package dev.parley.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what {@code /metrics} answers (Prometheus' text format) for tests: its series and its HELP and TYPE lines. */
public final class PrometheusText {
  private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+( \\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private PrometheusText() {}

  /**
   * The shape of every sample whose name starts with {@code prefix}: its name and sorted label names,
   * such as {@code parley_requests_total{endpoint,status}}.
   */
  public static SortedSet<String> shapes(String text, String prefix) {
    SortedSet<String> shapes = new TreeSet<>();
    for (Sample sample : samples(text)) {
      if (sample.name().startsWith(prefix)) {
        List<String> names = sample.labels().stream().map(label -> label[0]).sorted().toList();
        shapes.add(sample.name() + (names.isEmpty() ? "" : "{" + String.join(",", names) + "}"));
      }
    }
    return shapes;
  }

  /** The {@code # HELP} and {@code # TYPE} lines of the metrics whose name starts with {@code prefix}. */
  public static SortedSet<String> metadata(String text, String prefix) {
    SortedSet<String> lines = new TreeSet<>();
    text.lines().filter(l -> l.startsWith("# HELP " + prefix) || l.startsWith("# TYPE " + prefix)).forEach(lines::add);
    return lines;
  }

  /** The values of one label over the samples of one name, in order, such as the {@code le} of a histogram's buckets. */
  public static List<String> labelValues(String text, String name, String label) {
    List<String> values = new ArrayList<>();
    for (Sample sample : samples(text)) {
      if (sample.name().equals(name)) {
        sample.labels().stream().filter(l -> l[0].equals(label)).forEach(l -> values.add(l[1]));
      }
    }
    return values;
  }

  /**
   * The value of one sample, written as in the text, such as {@code parley_request_body_bytes}
   * or {@code parley_requests_refused_total{reason="timeout"}}; NaN when the text has no such sample.
   */
  public static double value(String text, String sample) {
    return text.lines().filter(l -> l.startsWith(sample + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(sample.length() + 1).trim().split(" ")[0])).orElse(Double.NaN);
  }

  private static List<Sample> samples(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a Prometheus sample: " + line);
      }
      List<String[]> labels = new ArrayList<>();
      Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
      while (label.find()) {
        labels.add(new String[] {label.group(1), label.group(2)});
      }
      samples.add(new Sample(sample.group(1), labels));
    }
    return samples;
  }

  private record Sample(String name, List<String[]> labels) {}
}
