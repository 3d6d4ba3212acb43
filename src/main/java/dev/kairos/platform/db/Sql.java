package dev.kairos.platform.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Small JDBC helpers. Batches are written as parallel arrays bound as parameters and unnested in
 * SQL, so one statement writes a whole group of rows and every value stays a bind parameter.
 */
public final class Sql {
  private Sql() {}

  public static Array texts(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray(new String[0]));
  }

  public static Array uuids(Connection c, Collection<UUID> values) throws SQLException {
    return c.createArrayOf("uuid", values.toArray(new UUID[0]));
  }

  public static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  public static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  public static String text(Object value) {
    return value == null ? null : value.toString();
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }
}
