package dev.kairos.console.store;

import dev.kairos.console.ConsoleUser;
import dev.kairos.console.Secrets;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed-in sessions (table {@code console_sessions}), in the database so that any node serves any
 * request. The cookie carries the session id; the table keeps only its SHA-256.
 */
public final class SessionStore {
  private final Database database;

  public SessionStore(Database database) {
    this.database = database;
  }

  /** A live session: who is signed in and the token its forms must send back. */
  public record Session(ConsoleUser user, String csrfToken, Instant expiresAt) {}

  public void insert(
      String sessionId, UUID userId, String csrfToken, Instant now, Instant expires) {
    database.inTransaction(
        c -> {
          Sql.update(c, "delete from console_sessions where expires_at <= ?", Sql.timestamp(now));
          return Sql.update(
              c,
              "insert into console_sessions (id_hash, user_id, csrf_token, created_at, expires_at)"
                  + " values (?, ?, ?, ?, ?)",
              Secrets.sha256(sessionId),
              userId,
              csrfToken,
              Sql.timestamp(now),
              Sql.timestamp(expires));
        });
  }

  /** The session with this id when it has not expired and its user is not disabled. */
  public Optional<Session> find(String sessionId, Instant now) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select u.id, u.email, u.role, u.created_at, u.disabled_at, s.csrf_token,"
                        + " s.expires_at from console_sessions s join console_users u on"
                        + " u.id = s.user_id where s.id_hash = ? and s.expires_at > ?"
                        + " and u.disabled_at is null",
                    rs ->
                        new Session(
                            UserStore.user(rs),
                            rs.getString("csrf_token"),
                            Sql.instant(rs, "expires_at")),
                    Secrets.sha256(sessionId),
                    Sql.timestamp(now))
                .stream()
                .findFirst());
  }

  public void delete(String sessionId) {
    database.inTransaction(
        c ->
            Sql.update(
                c, "delete from console_sessions where id_hash = ?", Secrets.sha256(sessionId)));
  }
}
