package dev.kairos.console.store;

import dev.kairos.console.Secrets;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Management API tokens made in the console (table {@code api_tokens}). A token is shown once when
 * it is made; the table keeps its SHA-256 and its first characters, to tell tokens apart.
 */
public final class ApiTokenStore {
  /** Tokens start with this, so a leaked one is recognisable. */
  public static final String PREFIX = "kairos_";

  private final Database database;

  public ApiTokenStore(Database database) {
    this.database = database;
  }

  /** A token as listed: never the token itself. */
  public record ApiToken(
      UUID id,
      String name,
      String prefix,
      String createdBy,
      Instant createdAt,
      Optional<Instant> revokedAt,
      Optional<Instant> lastUsedAt) {}

  /** A token just made: {@code secret} is shown to its maker once and kept nowhere. */
  public record Created(ApiToken token, String secret) {}

  public Created create(String name, UUID createdBy, Instant now) {
    String secret = PREFIX + Secrets.random();
    UUID id = UUID.randomUUID();
    String prefix = secret.substring(0, PREFIX.length() + 6);
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "insert into api_tokens (id, name, token_hash, prefix, created_by, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)",
                id,
                name,
                Secrets.sha256(secret),
                prefix,
                createdBy,
                Sql.timestamp(now)));
    return new Created(
        new ApiToken(id, name, prefix, null, now, Optional.empty(), Optional.empty()), secret);
  }

  public List<ApiToken> all() {
    return database.read(
        c ->
            Sql.list(
                c,
                "select t.id, t.name, t.prefix, u.email, t.created_at, t.revoked_at,"
                    + " t.last_used_at from api_tokens t left join console_users u"
                    + " on u.id = t.created_by order by t.created_at desc, t.id",
                rs ->
                    new ApiToken(
                        Sql.uuid(rs, "id"),
                        rs.getString("name"),
                        rs.getString("prefix"),
                        rs.getString("email"),
                        Sql.instant(rs, "created_at"),
                        Optional.ofNullable(Sql.instant(rs, "revoked_at")),
                        Optional.ofNullable(Sql.instant(rs, "last_used_at")))));
  }

  /** Revokes a token; false when there is no live token with that id. */
  public boolean revoke(UUID id, Instant now) {
    return database.inTransaction(
        c ->
            Sql.update(
                    c,
                    "update api_tokens set revoked_at = ? where id = ? and revoked_at is null",
                    Sql.timestamp(now),
                    id)
                == 1);
  }

  /**
   * Whether {@code secret} is a live token; notes when it was last used (at most once a minute per
   * token, so a busy client does not write on every call).
   */
  public boolean accepts(String secret, Instant now) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return false;
    }
    byte[] hash = Secrets.sha256(secret);
    return database.inTransaction(
        c -> {
          boolean live =
              !Sql.list(
                      c,
                      "select 1 from api_tokens where token_hash = ? and revoked_at is null",
                      rs -> 1,
                      hash)
                  .isEmpty();
          if (live) {
            Sql.update(
                c,
                "update api_tokens set last_used_at = ? where token_hash = ?"
                    + " and (last_used_at is null or last_used_at < ?)",
                Sql.timestamp(now),
                hash,
                Sql.timestamp(now.minusSeconds(60)));
          }
          return live;
        });
  }
}
