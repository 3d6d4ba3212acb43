package dev.kairos.segment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.platform.DatabaseException;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.segment.Segment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code segments} table and every saved version of each ({@code segment_versions}). */
public final class SegmentStore {
  private static final String COLUMNS =
      "key, name, condition::text, version, built_in, created_at, updated_at";

  private final Database database;
  private final ObjectMapper mapper;

  public SegmentStore(Database database, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
  }

  /** One saved version of a definition. */
  public record Version(int version, String name, String condition, Instant savedAt) {}

  /** Stores a new segment (version 1); empty when its key is taken. */
  public Optional<Segment> create(Segment segment) {
    return database.inTransaction(
        c -> {
          int inserted =
              Sql.update(
                  c,
                  "insert into segments (key, name, condition, version, built_in, created_at,"
                      + " updated_at) values (?, ?, ?::jsonb, 1, ?, ?, ?) on conflict (key) do"
                      + " nothing",
                  segment.key(),
                  segment.name(),
                  json(segment),
                  segment.builtIn(),
                  Sql.timestamp(segment.createdAt()),
                  Sql.timestamp(segment.createdAt()));
          if (inserted == 0) {
            return Optional.empty();
          }
          saveVersion(c, segment.key(), 1, segment.name(), json(segment), segment.createdAt());
          return find(c, segment.key());
        });
  }

  /**
   * Saves a new definition of a segment (its version goes up; the old one stays in the history);
   * empty when there is no such segment. An edit by a person ({@code byKairos} false) ends Kairos's
   * upkeep of a built-in's thresholds.
   */
  public Optional<Segment> update(Segment segment, boolean byKairos) {
    return database.inTransaction(
        c -> {
          List<Integer> versions =
              Sql.list(
                  c,
                  "update segments set name = ?, condition = ?::jsonb, version = version + 1,"
                      + " updated_at = ?, thresholds_managed = thresholds_managed and ? where key"
                      + " = ? returning version",
                  rs -> rs.getInt(1),
                  segment.name(),
                  json(segment),
                  Sql.timestamp(segment.updatedAt()),
                  byKairos,
                  segment.key());
          if (versions.isEmpty()) {
            return Optional.empty();
          }
          saveVersion(
              c,
              segment.key(),
              versions.get(0),
              segment.name(),
              json(segment),
              segment.updatedAt());
          return find(c, segment.key());
        });
  }

  /** Deletes a segment with its memberships, deadlines and sizes; false when there was none. */
  public boolean delete(String key) {
    return database.inTransaction(
        c -> {
          Sql.update(c, "delete from segment_versions where segment_key = ?", key);
          return Sql.update(c, "delete from segments where key = ?", key) > 0;
        });
  }

  public Optional<Segment> find(String key) {
    return database.read(c -> find(c, key));
  }

  public List<Segment> all() {
    return database.read(
        c -> Sql.list(c, "select " + COLUMNS + " from segments order by key", this::read));
  }

  /** The current members of every segment, by key (segments without members are absent). */
  public Map<String, Long> memberCounts() {
    return database.read(
        c -> {
          Map<String, Long> counts = new java.util.HashMap<>();
          for (Object[] row :
              Sql.list(
                  c,
                  "select segment_key, count(*) from segment_memberships where exited_at is null"
                      + " group by segment_key",
                  rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
            counts.put((String) row[0], (Long) row[1]);
          }
          return counts;
        });
  }

  public long memberCount(String key) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select count(*) from segment_memberships where segment_key = ? and exited_at"
                        + " is null",
                    rs -> rs.getLong(1),
                    key)
                .get(0));
  }

  /** Changes whenever a segment is saved or deleted (a cheap test for a catalog to reload). */
  public String fingerprint() {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select count(*) || '/' || coalesce(sum(version), 0) || '/' ||"
                        + " coalesce(max(updated_at)::text, '') from segments",
                    rs -> rs.getString(1))
                .get(0));
  }

  /** Every saved version of a segment, newest first. */
  public List<Version> versions(String key) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select version, name, condition::text, saved_at from segment_versions where"
                    + " segment_key = ? order by version desc",
                rs ->
                    new Version(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        Sql.instant(rs, "saved_at")),
                key));
  }

  private Optional<Segment> find(Connection c, String key) throws SQLException {
    return Sql.list(c, "select " + COLUMNS + " from segments where key = ?", this::read, key)
        .stream()
        .findFirst();
  }

  private static void saveVersion(
      Connection c, String key, int version, String name, String condition, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "insert into segment_versions (segment_key, version, name, condition, saved_at)"
            + " values (?, ?, ?, ?::jsonb, ?)",
        key,
        version,
        name,
        condition,
        Sql.timestamp(at));
  }

  private Segment read(ResultSet rs) throws SQLException {
    try {
      return new Segment(
          rs.getString(1),
          rs.getString(2),
          mapper.readTree(rs.getString(3)),
          rs.getInt(4),
          rs.getBoolean(5),
          Sql.instant(rs, "created_at"),
          Sql.instant(rs, "updated_at"));
    } catch (JsonProcessingException e) {
      throw new DatabaseException("segment " + rs.getString(1) + " has unreadable JSON", e);
    }
  }

  private String json(Segment segment) {
    try {
      return mapper.writeValueAsString(segment.condition());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
