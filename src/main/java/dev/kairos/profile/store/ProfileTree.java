package dev.kairos.profile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A profile and every profile merged into it, directly or through others. */
final class ProfileTree {
  private ProfileTree() {}

  static List<UUID> of(Connection c, UUID root) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "with recursive tree(id) as (select ?::uuid union"
                + " select p.id from profiles p join tree t on p.merged_into = t.id)"
                + " select id from tree")) {
      ps.setObject(1, root);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }
}
