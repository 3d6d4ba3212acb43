package dev.kairos.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a group write as parallel columns, each bound as one {@code text[]} parameter and
 * cast in SQL ({@code unnest(?::text[], ?::uuid[], ?::numeric[] …)}). One statement writes the
 * whole group, and every value stays a bind parameter.
 */
public final class Columns {
  private final List<List<String>> columns;

  public Columns(int count) {
    columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(new ArrayList<>());
    }
  }

  /** Adds a row; each value is written as its {@code toString()} (null stays null). */
  public void row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "a row has " + columns.size() + " values, not " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      columns.get(i).add(values[i] == null ? null : text(values[i]));
    }
  }

  public boolean isEmpty() {
    return columns.get(0).isEmpty();
  }

  /** Binds the columns as parameters {@code first, first+1, …}; returns the next index. */
  public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
    int index = first;
    for (List<String> column : columns) {
      ps.setArray(index++, Sql.texts(c, column));
    }
    return index;
  }

  private static String text(Object value) {
    if (value instanceof java.math.BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }
}
