package dev.kairos.template.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.platform.http.Json;
import dev.kairos.template.Template;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Templates by key (table {@code templates}). */
public final class TemplateStore {
  private static final TypeReference<LinkedHashMap<String, String>> DATA = new TypeReference<>() {};

  private final Database database;
  private final Clock clock;

  public TemplateStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Stores a new template; false when the key is taken. */
  public boolean create(Template t) {
    return database.inTransaction(
        c ->
            Sql.update(
                    c,
                    "insert into templates (key, channel, subject, preheader, html, text, body, data,"
                        + " track_opens, track_clicks, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)"
                        + " on conflict (key) do nothing",
                    t.key(),
                    t.channel(),
                    t.subject(),
                    t.preheader(),
                    t.html(),
                    t.text(),
                    t.body(),
                    data(t),
                    t.trackOpens(),
                    t.trackClicks(),
                    Sql.timestamp(clock.instant()),
                    Sql.timestamp(clock.instant()))
                == 1);
  }

  /** Replaces a template; false when there is none with the key. */
  public boolean replace(Template t) {
    return database.inTransaction(
        c ->
            Sql.update(
                    c,
                    "update templates set channel = ?, subject = ?, preheader = ?, html = ?,"
                        + " text = ?, body = ?, data = ?::jsonb, track_opens = ?, track_clicks = ?,"
                        + " updated_at = ? where key = ?",
                    t.channel(),
                    t.subject(),
                    t.preheader(),
                    t.html(),
                    t.text(),
                    t.body(),
                    data(t),
                    t.trackOpens(),
                    t.trackClicks(),
                    Sql.timestamp(clock.instant()),
                    t.key())
                == 1);
  }

  public boolean delete(String key) {
    return database.inTransaction(
        c -> Sql.update(c, "delete from templates where key = ?", key) == 1);
  }

  public Optional<Template> find(String key) {
    return database.read(c -> find(c, key));
  }

  public Optional<Template> find(Connection c, String key) throws SQLException {
    return Sql.list(c, "select * from templates where key = ?", TemplateStore::template, key)
        .stream()
        .findFirst();
  }

  public List<Template> list() {
    return database.read(
        c -> Sql.list(c, "select * from templates order by key", TemplateStore::template));
  }

  private static Template template(ResultSet rs) throws SQLException {
    return new Template(
        rs.getString("key"),
        rs.getString("channel"),
        rs.getString("subject"),
        rs.getString("preheader"),
        rs.getString("html"),
        rs.getString("text"),
        rs.getString("body"),
        data(rs.getString("data")),
        (Boolean) rs.getObject("track_opens"),
        (Boolean) rs.getObject("track_clicks"));
  }

  private static String data(Template t) {
    try {
      return t.data().isEmpty() ? null : Json.MAPPER.writeValueAsString(t.data());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is JSON", e);
    }
  }

  private static Map<String, String> data(String json) {
    try {
      return json == null ? Map.of() : Json.MAPPER.readValue(json, DATA);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("templates.data holds JSON", e);
    }
  }
}
