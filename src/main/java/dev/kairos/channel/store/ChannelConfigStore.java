package dev.kairos.channel.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Channel configurations (table {@code channel_configurations}): shown masked, kept sealed. */
public final class ChannelConfigStore {
  /** One stored configuration. */
  public record Stored(
      String name,
      String provider,
      ObjectNode shown,
      byte[] sealed,
      long version,
      Instant updatedAt) {}

  private final Database database;
  private final ObjectMapper json;
  private final Clock clock;

  public ChannelConfigStore(Database database, ObjectMapper json, Clock clock) {
    this.database = database;
    this.json = json;
    this.clock = clock;
  }

  public Optional<Stored> find(String name) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select name, provider, shown::text, sealed, version, updated_at"
                        + " from channel_configurations where name = ?",
                    this::stored,
                    name)
                .stream()
                .findFirst());
  }

  public List<Stored> list() {
    return database.read(
        c ->
            Sql.list(
                c,
                "select name, provider, shown::text, sealed, version, updated_at"
                    + " from channel_configurations order by name",
                this::stored));
  }

  /** The version of every configured channel: what a registry compares with what it built. */
  public Map<String, Long> versions() {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select name, version from channel_configurations",
                    rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  /** Stores (or replaces) a configuration; its new version. */
  public Stored save(String name, String provider, ObjectNode shown, byte[] sealed) {
    Instant now = clock.instant();
    long version =
        database.inTransaction(
            c ->
                Sql.list(
                        c,
                        "insert into channel_configurations"
                            + " (name, provider, shown, sealed, version, updated_at)"
                            + " values (?, ?, ?::jsonb, ?, 1, ?) on conflict (name) do update set"
                            + " provider = excluded.provider, shown = excluded.shown,"
                            + " sealed = excluded.sealed, updated_at = excluded.updated_at,"
                            + " version = channel_configurations.version + 1 returning version",
                        rs -> rs.getLong(1),
                        name,
                        provider,
                        shown.toString(),
                        sealed,
                        Sql.timestamp(now))
                    .get(0));
    return new Stored(name, provider, shown, sealed, version, now);
  }

  /** Removes a configuration; false when there was none. */
  public boolean delete(String name) {
    return database.inTransaction(
        c -> Sql.update(c, "delete from channel_configurations where name = ?", name) == 1);
  }

  private Stored stored(ResultSet rs) throws SQLException {
    try {
      return new Stored(
          rs.getString(1),
          rs.getString(2),
          (ObjectNode) json.readTree(rs.getString(3)),
          rs.getBytes(4),
          rs.getLong(5),
          Sql.instant(rs, "updated_at"));
    } catch (IOException e) {
      throw new IllegalStateException("a stored channel configuration is not JSON", e);
    }
  }
}
