package dev.parley.cluster.postgres;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rows in PostgreSQL's COPY text format: columns separated by tabs, rows by newlines,
 * {@code \N} for NULL, backslash escapes for backslash, tab, newline and carriage return.
 * PostgreSQL text cannot hold U+0000, so a NUL in a value becomes U+FFFD (the JSON body keeps
 * it, escaped as JSON writes it). Not thread-safe; one per load.
 */
final class CopyText {
  private final StringBuilder out = new StringBuilder(64 * 1024);
  private boolean rowStarted;

  CopyText text(String value) {
    separator();
    if (value == null) {
      out.append("\\N");
      return this;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\u0000' -> out.append('\uFFFD');
        default -> out.append(c);
      }
    }
    return this;
  }

  CopyText number(Number value) {
    separator();
    out.append(value == null ? "\\N" : value.toString());
    return this;
  }

  CopyText bool(boolean value) {
    separator();
    out.append(value ? 't' : 'f');
    return this;
  }

  /** An instant as a UTC TIMESTAMP, to the microsecond. */
  CopyText time(Instant value) {
    separator();
    if (value == null) {
      out.append("\\N");
    } else {
      out.append(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }
    return this;
  }

  void endRow() {
    out.append('\n');
    rowStarted = false;
  }

  String build() {
    return out.toString();
  }

  private void separator() {
    if (rowStarted) {
      out.append('\t');
    }
    rowStarted = true;
  }
}
