package dev.kairos.delivery.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.util.Optional;
import java.util.UUID;

/** The email address and phone number a person (merges followed) can be reached on now. */
public final class ReachableAddresses {
  private final Database database;

  public ReachableAddresses(Database database) {
    this.database = database;
  }

  /** A person's addresses; null where they have none. */
  public record Addresses(UUID profileId, String email, String phone) {}

  public Optional<Addresses> of(UUID profileId) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "with recursive up(id, merged_into, depth) as ("
                        + " select id, merged_into, 0 from profiles where id = ?"
                        + " union all select p.id, p.merged_into, u.depth + 1 from profiles p"
                        + " join up u on p.id = u.merged_into where u.depth < 1000)"
                        + " select p.id, p.traits ->> 'email', p.traits ->> 'phone' from up"
                        + " join profiles p on p.id = up.id where up.merged_into is null",
                    rs -> new Addresses(Sql.uuid(rs, "id"), rs.getString(2), rs.getString(3)),
                    profileId)
                .stream()
                .findFirst());
  }
}
