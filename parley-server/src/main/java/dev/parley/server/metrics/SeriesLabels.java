package dev.parley.server.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of one series, read from Prometheus label text such as {@code endpoint="batch",status="200"}
 * (values escaped as in the text format: {@code \\}, {@code \"}, {@code \n}). Names are sorted.
 */
record SeriesLabels(List<String> names, List<String> values) {
  static final SeriesLabels NONE = new SeriesLabels(List.of(), List.of());

  SeriesLabels {
    names = List.copyOf(names);
    values = List.copyOf(values);
  }

  /** Parses label text; null or empty means no labels. Throws IllegalArgumentException on malformed text. */
  static SeriesLabels parse(String text) {
    if (text == null || text.isEmpty()) {
      return NONE;
    }
    Map<String, String> labels = new TreeMap<>();
    int i = 0;
    while (i < text.length()) {
      int equals = text.indexOf('=', i);
      if (equals < 0 || equals + 1 >= text.length() || text.charAt(equals + 1) != '"') {
        throw malformed(text);
      }
      String name = text.substring(i, equals).trim();
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; j < text.length() && text.charAt(j) != '"'; j++) {
        char c = text.charAt(j);
        if (c == '\\' && j + 1 < text.length()) {
          char next = text.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      if (j >= text.length() || name.isEmpty() || labels.put(name, value.toString()) != null) {
        throw malformed(text);
      }
      i = j + 1;
      if (i < text.length() && text.charAt(i++) != ',') {
        throw malformed(text);
      }
    }
    return new SeriesLabels(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
  }

  Labels labels() {
    return Labels.of(names, values);
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException("not Prometheus label text: " + text);
  }
}
