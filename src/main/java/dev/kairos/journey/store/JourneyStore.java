package dev.kairos.journey.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.journey.DefinitionReader;
import dev.kairos.journey.JourneyDefinition;
import dev.kairos.journey.Reading;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journeys and their versions (tables {@code journeys}, {@code journey_versions}). A saved document
 * is a new draft version; publishing makes the newest version the one new runs enter; runs keep the
 * version they entered with. Versions never change once written, so they are cached.
 */
public final class JourneyStore {
  /** A journey's row: its status and the version new runs enter. */
  public record Summary(
      String key,
      String name,
      String status,
      Optional<Integer> publishedVersion,
      int latestVersion,
      Instant updatedAt) {}

  /** One version of a journey's document. */
  public record Version(
      int version, JsonNode definition, Instant createdAt, Optional<Instant> publishedAt) {}

  /** A published journey new runs may enter, with its definition. */
  public record Live(String key, int version, String status, JourneyDefinition definition) {}

  private final Database database;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Map<String, JourneyDefinition> versions = new ConcurrentHashMap<>();

  public JourneyStore(Database database, ObjectMapper mapper, Clock clock) {
    this.database = database;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Saves a document as a new draft version; creates the journey when {@code create}. */
  public Optional<Integer> saveDraft(
      JourneyDefinition definition, JsonNode document, boolean create) {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          if (create) {
            int inserted =
                Sql.update(
                    c,
                    "insert into journeys (key, name, status, created_at, updated_at)"
                        + " values (?, ?, 'draft', ?, ?) on conflict (key) do nothing",
                    definition.key(),
                    definition.name(),
                    Sql.timestamp(now),
                    Sql.timestamp(now));
            if (inserted == 0) {
              return Optional.empty();
            }
          } else if (Sql.update(
                  c,
                  "update journeys set name = ?, updated_at = ? where key = ?",
                  definition.name(),
                  Sql.timestamp(now),
                  definition.key())
              == 0) {
            return Optional.empty();
          }
          int version =
              Sql.list(
                      c,
                      "select coalesce(max(version), 0) + 1 from journey_versions"
                          + " where journey_key = ?",
                      rs -> rs.getInt(1),
                      definition.key())
                  .get(0);
          Sql.update(
              c,
              "insert into journey_versions (journey_key, version, definition, created_at)"
                  + " values (?, ?, ?, ?)",
              definition.key(),
              version,
              json(document),
              Sql.timestamp(now));
          return Optional.of(version);
        });
  }

  /**
   * Publishes the newest version and activates the journey; empty when there is no such journey.
   */
  public Optional<Integer> publish(String key) {
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          List<Integer> latest =
              Sql.list(
                  c,
                  "select max(version) from journey_versions where journey_key = ?",
                  rs -> (Integer) rs.getObject(1),
                  key);
          if (latest.isEmpty() || latest.get(0) == null) {
            return Optional.empty();
          }
          int version = latest.get(0);
          Sql.update(
              c,
              "update journey_versions set published_at = coalesce(published_at, ?)"
                  + " where journey_key = ? and version = ?",
              Sql.timestamp(now),
              key,
              version);
          Sql.update(
              c,
              "update journeys set published_version = ?, status = 'active', updated_at = ?"
                  + " where key = ?",
              version,
              Sql.timestamp(now),
              key);
          return Optional.of(version);
        });
  }

  /** Pauses or resumes a published journey; false when there is no such published journey. */
  public boolean setStatus(String key, String status) {
    return database.inTransaction(
        c ->
            Sql.update(
                    c,
                    "update journeys set status = ?, updated_at = ? where key = ?"
                        + " and published_version is not null",
                    status,
                    Sql.timestamp(clock.instant()),
                    key)
                == 1);
  }

  public List<Summary> list() {
    return database.read(c -> Sql.list(c, SUMMARY + " order by j.key", JourneyStore::summary));
  }

  public Optional<Summary> summary(String key) {
    return database
        .read(c -> Sql.list(c, SUMMARY + " where j.key = ?", JourneyStore::summary, key))
        .stream()
        .findFirst();
  }

  private static final String SUMMARY =
      "select j.key, j.name, j.status, j.published_version, j.updated_at,"
          + " (select max(version) from journey_versions v where v.journey_key = j.key) as latest"
          + " from journeys j";

  private static Summary summary(java.sql.ResultSet rs) throws SQLException {
    return new Summary(
        rs.getString("key"),
        rs.getString("name"),
        rs.getString("status"),
        Optional.ofNullable((Integer) rs.getObject("published_version")),
        rs.getInt("latest"),
        Sql.instant(rs, "updated_at"));
  }

  public List<Version> versions(String key) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select version, definition, created_at, published_at"
                    + " from journey_versions where journey_key = ? order by version",
                rs ->
                    new Version(
                        rs.getInt(1),
                        tree(rs.getString(2)),
                        Sql.instant(rs, "created_at"),
                        Optional.ofNullable(Sql.instant(rs, "published_at"))),
                key));
  }

  /** Journeys that are published and active or paused, with their published definition. */
  public List<Live> live(Connection c) throws SQLException {
    return Sql.list(
            c,
            "select key, published_version, status from journeys"
                + " where published_version is not null and status in ('active', 'paused')",
            rs -> new Live(rs.getString(1), rs.getInt(2), rs.getString(3), null))
        .stream()
        .map(l -> new Live(l.key(), l.version(), l.status(), definition(c, l.key(), l.version())))
        .toList();
  }

  /** One version's definition (cached: versions never change). */
  public JourneyDefinition definition(Connection c, String key, int version) {
    return versions.computeIfAbsent(key + "@" + version, k -> load(c, key, version));
  }

  private JourneyDefinition load(Connection c, String key, int version) {
    try {
      String text =
          Sql.list(
                  c,
                  "select definition from journey_versions where journey_key = ?"
                      + " and version = ?",
                  rs -> rs.getString(1),
                  key,
                  version)
              .get(0);
      Reading reading = DefinitionReader.read(tree(text));
      if (reading instanceof Reading.Valid valid) {
        return valid.definition();
      }
      throw new IllegalStateException(
          "stored journey "
              + key
              + " v"
              + version
              + " is invalid: "
              + ((Reading.Invalid) reading).problems());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode tree(String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored journey is not JSON", e);
    }
  }

  private String json(JsonNode node) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
