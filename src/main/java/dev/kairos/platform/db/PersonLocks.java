package dev.kairos.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * Transaction-scoped advisory locks on people (by profile id), taken in one order so that two
 * holders cannot deadlock. Whatever evaluates a person and stores something derived from them
 * (segment memberships) holds it, and so does the deletion of the person: a person deleted while an
 * evaluation of them is in flight waits for it to commit and then deletes what it stored, and an
 * evaluation that waited for a deletion finds no profile.
 */
public final class PersonLocks {
  private PersonLocks() {}

  /** Locks the people until the end of the caller's transaction. */
  public static void lock(Connection c, Collection<UUID> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(pg_advisory_xact_lock(k)) from (select distinct"
                + " hashtextextended(u::text, 5) as k from unnest(?::uuid[]) as u order by k) as"
                + " keys")) {
      ps.setArray(1, Sql.uuids(c, ids));
      ps.executeQuery().close();
    }
  }
}
