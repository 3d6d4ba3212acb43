package dev.kairos.intelligence.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Sets a product's {@code non_merchandise} flag in the catalog (creating the catalog entry when the
 * shop has not sent the product yet, so it can be flagged before its first order).
 */
public final class NonMerchandiseFlags {
  private final Database database;

  public NonMerchandiseFlags(Database database) {
    this.database = database;
  }

  public void set(String productId, boolean nonMerchandise, Instant now) {
    database.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into products (product_id, non_merchandise, updated_at)"
                      + " values (?, ?, ?) on conflict (product_id) do update set"
                      + " non_merchandise = excluded.non_merchandise,"
                      + " updated_at = excluded.updated_at")) {
            ps.setString(1, productId);
            ps.setBoolean(2, nonMerchandise);
            ps.setTimestamp(3, Sql.timestamp(now));
            ps.executeUpdate();
          }
          return null;
        });
  }
}
