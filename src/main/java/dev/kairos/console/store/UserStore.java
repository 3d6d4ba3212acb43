package dev.kairos.console.store;

import dev.kairos.console.ConsoleUser;
import dev.kairos.console.Role;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The console's users (table {@code console_users}); emails compare without case. */
public final class UserStore {
  private static final String COLUMNS = "id, email, role, created_at, disabled_at";

  private final Database database;

  public UserStore(Database database) {
    this.database = database;
  }

  /** A user with its stored password hash, for signing in. */
  public record Credentials(ConsoleUser user, String passwordHash) {}

  /** Adds a user; false when the email is taken. */
  public boolean insert(ConsoleUser user, String passwordHash) {
    return database.inTransaction(
        c ->
            Sql.update(
                    c,
                    "insert into console_users (id, email, role, password_hash, created_at)"
                        + " values (?, ?, ?, ?, ?) on conflict do nothing",
                    user.id(),
                    user.email(),
                    user.role().key(),
                    passwordHash,
                    Sql.timestamp(user.createdAt()))
                == 1);
  }

  public Optional<Credentials> credentials(String email) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select "
                        + COLUMNS
                        + ", password_hash from console_users"
                        + " where lower(email) = lower(?)",
                    rs -> new Credentials(user(rs), rs.getString("password_hash")),
                    email)
                .stream()
                .findFirst());
  }

  public Optional<ConsoleUser> find(UUID id) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select " + COLUMNS + " from console_users where id = ?",
                    UserStore::user,
                    id)
                .stream()
                .findFirst());
  }

  public List<ConsoleUser> all() {
    return database.read(
        c ->
            Sql.list(
                c,
                "select " + COLUMNS + " from console_users order by lower(email)",
                UserStore::user));
  }

  public int count() {
    return database.read(
        c -> Sql.list(c, "select count(*) from console_users", rs -> rs.getInt(1)).get(0));
  }

  public void changePassword(UUID id, String passwordHash) {
    database.inTransaction(
        c ->
            Sql.update(
                c, "update console_users set password_hash = ? where id = ?", passwordHash, id));
  }

  /** Disables a user (or enables it again) and ends its sessions. */
  public boolean setDisabled(UUID id, Instant disabledAt) {
    return database.inTransaction(
        c -> {
          int changed =
              Sql.update(
                  c,
                  "update console_users set disabled_at = ? where id = ?",
                  Sql.timestamp(disabledAt),
                  id);
          if (disabledAt != null) {
            Sql.update(c, "delete from console_sessions where user_id = ?", id);
          }
          return changed == 1;
        });
  }

  static ConsoleUser user(ResultSet rs) throws SQLException {
    return new ConsoleUser(
        Sql.uuid(rs, "id"),
        rs.getString("email"),
        Role.parse(rs.getString("role")).orElseThrow(),
        Sql.instant(rs, "created_at"),
        rs.getTimestamp("disabled_at") != null);
  }
}
