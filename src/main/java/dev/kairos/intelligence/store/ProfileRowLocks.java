package dev.kairos.intelligence.store;

import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * Locks profile rows in id order before a batch job updates them. The event processor writes the
 * profiles of each group in id order too, so the two never wait on each other in a cycle (an {@code
 * update … from unnest(…)} alone locks rows in whatever order its join plan reads them, and
 * deadlocked against the processor).
 */
final class ProfileRowLocks {
  private ProfileRowLocks() {}

  static void lockInIdOrder(Connection c, Collection<UUID> ids) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id from profiles where id = any(?::uuid[]) order by id for no key update")) {
      ps.setArray(1, Sql.uuids(c, ids));
      ps.executeQuery().close();
    }
  }
}
