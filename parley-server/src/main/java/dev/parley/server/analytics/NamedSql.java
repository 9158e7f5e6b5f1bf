package dev.parley.server.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A SQL statement read from a resource, with named parameters ({@code :from}) instead of
 * positional ones. Every value is bound; a collection parameter expands to one bound
 * placeholder per element ({@code IN (:names)}). Instances are immutable and thread-safe.
 *
 * <p>The parser skips string literals, quoted identifiers, comments and {@code ::} casts.
 *
 * <p>A line {@code -- @include NAME} is replaced, when the statement is read, by the text of
 * {@code NAME.sql} of the same dialect, or of {@code common} (itself able to include others), so that several
 * statements can share CTEs written once.
 */
final class NamedSql {
  private final String name;
  private final String text;

  private NamedSql(String name, String text) {
    this.name = name;
    this.text = text;
  }

  private static final String INCLUDE = "-- @include ";
  /** The folder of the statements that are the same in every dialect. */
  private static final String COMMON = "common";
  private static final int MAX_INCLUDE_DEPTH = 8;

  /**
   * Reads {@code <dialect folder>/<name>.sql} from the class path, or {@code common/<name>.sql}
   * (a question every store's SQL answers alike) when the dialect has none, with its includes.
   */
  static NamedSql load(Dialect dialect, String name) {
    return new NamedSql(name, read(dialect, name, 0));
  }

  private static String read(Dialect dialect, String name, int depth) {
    if (depth > MAX_INCLUDE_DEPTH) {
      throw new IllegalStateException("SQL includes nested too deep at " + name + ".sql");
    }
    String path = dialect.folder() + "/" + name + ".sql";
    String text = resource(path);
    if (text == null) {
      text = resource(COMMON + "/" + name + ".sql");
    }
    if (text == null) {
      throw new IllegalStateException("missing SQL resource " + path + " (nor in " + COMMON + "/)");
    }
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      String trimmed = line.trim();
      out.append(trimmed.startsWith(INCLUDE)
          ? read(dialect, trimmed.substring(INCLUDE.length()).trim(), depth + 1)
          : line).append('\n');
    }
    return out.toString();
  }

  /** The text of a resource next to this class, or null when there is none. */
  private static String resource(String path) {
    try (InputStream in = NamedSql.class.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  /**
   * Prepares the statement on {@code connection} with every named parameter bound from
   * {@code params}. Instants are bound as UTC timestamps, the store's convention.
   */
  PreparedStatement prepare(Connection connection, Map<String, ?> params) throws SQLException {
    List<Object> values = new ArrayList<>();
    String sql = expand(params, values);
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, jdbcValue(values.get(i)));
    }
    return statement;
  }

  /**
   * Prepares {@code EXPLAIN} of the statement, bound as {@link #prepare} binds it: for tests that
   * hold a store to the plan its indexes were made for.
   */
  PreparedStatement explain(Connection connection, Map<String, ?> params) throws SQLException {
    List<Object> values = new ArrayList<>();
    PreparedStatement statement = connection.prepareStatement("EXPLAIN " + expand(params, values));
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, jdbcValue(values.get(i)));
    }
    return statement;
  }

  private String expand(Map<String, ?> params, List<Object> values) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        end = end < 0 ? text.length() : end + 1;
        out.append(text, i, end);
        i = end;
      } else if (c == '-' && text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        i = end;
      } else if (c == ':' && text.startsWith("::", i)) {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
        int end = i + 1;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
          end++;
        }
        String param = text.substring(i + 1, end);
        if (!params.containsKey(param)) {
          throw new IllegalArgumentException(name + ".sql: no value for :" + param);
        }
        Object value = params.get(param);
        if (value instanceof SqlRows rows) {
          out.append(rows.placeholders());
          rows.rows().forEach(values::addAll);
        } else if (value instanceof Collection<?> many) {
          if (many.isEmpty()) {
            throw new IllegalArgumentException(name + ".sql: empty list for :" + param);
          }
          StringBuilder marks = new StringBuilder();
          for (Object one : many) {
            marks.append(marks.length() == 0 ? "?" : ", ?");
            values.add(one);
          }
          out.append(marks);
        } else {
          out.append('?');
          values.add(value);
        }
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static Object jdbcValue(Object value) {
    if (value instanceof Instant instant) {
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    return value;
  }
}
