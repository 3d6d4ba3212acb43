package dev.kairos.template.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.template.Template;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Templates by key (table {@code templates}). */
public final class TemplateStore {
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
                    "insert into templates (key, channel, subject,"
                        + " html, text, body, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (key) do nothing",
                    t.key(),
                    t.channel(),
                    t.subject(),
                    t.html(),
                    t.text(),
                    t.body(),
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
                    "update templates set channel = ?, subject = ?,"
                        + " html = ?, text = ?, body = ?, updated_at = ? where key = ?",
                    t.channel(),
                    t.subject(),
                    t.html(),
                    t.text(),
                    t.body(),
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
        rs.getString("html"),
        rs.getString("text"),
        rs.getString("body"));
  }
}
