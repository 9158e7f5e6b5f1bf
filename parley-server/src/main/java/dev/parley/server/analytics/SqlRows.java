package dev.parley.server.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Rows bound as a {@code VALUES} list: a parameter {@code :name} whose value is one of these
 * becomes {@code (CAST(? AS t1), CAST(? AS t2)), ...}, one group per row, each value bound.
 * With no rows it is one row of NULLs, which the statement filters out (VALUES cannot be
 * empty). Immutable.
 *
 * @param types the SQL type of each column, such as {@code VARCHAR} or {@code DOUBLE}
 * @param rows the rows, each with one value per type
 */
record SqlRows(List<String> types, List<List<Object>> rows) {
  SqlRows {
    Objects.requireNonNull(types, "types == null");
    List<String> columns = List.copyOf(types);
    List<List<Object>> copied = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a row of " + row.size() + " values for " + columns.size() + " columns");
      }
      copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    types = columns;
    rows = Collections.unmodifiableList(copied);
  }

  /** The SQL text that stands for the rows. */
  String placeholders() {
    StringBuilder row = new StringBuilder("(");
    for (int i = 0; i < types.size(); i++) {
      row.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(types.get(i)).append(')');
    }
    row.append(')');
    if (rows.isEmpty()) {
      return row.toString().replace("?", "NULL");
    }
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      all.append(i == 0 ? "" : ", ").append(row);
    }
    return all.toString();
  }
}
