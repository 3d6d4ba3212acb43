package dev.kairos.profile.store;

import dev.kairos.identity.Identifier;
import dev.kairos.identity.store.IdentityStore;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.AddressSuppression;
import dev.kairos.profile.Profile;
import dev.kairos.profile.Suppression;
import dev.kairos.profile.Suppressions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Suppressed identifiers (table {@code suppressed_identifiers}, SHA-256 only) and their lifts
 * ({@code suppression_lifts}).
 */
public final class SuppressionStore implements Suppressions {
  private final Database database;
  private final ProfileStore profiles;
  private final Clock clock;
  private final IdentityStore identity = new IdentityStore();

  public SuppressionStore(Database database, ProfileStore profiles, Clock clock) {
    this.database = database;
    this.profiles = profiles;
    this.clock = clock;
  }

  /** The outcome of lifting a suppression. */
  public sealed interface LiftOutcome {
    record Lifted(Identifier identifier, String source, Instant liftedAt, Instant suppressedAt)
        implements LiftOutcome {}

    record NotSuppressed() implements LiftOutcome {}
  }

  @Override
  public Suppression of(Identifier identifier) {
    return database.read(c -> of(c, identifier));
  }

  @Override
  public Suppression ofProfile(UUID profileId) {
    return database.read(
        c -> {
          Optional<Profile> profile = profiles.find(c, profileId);
          for (int hops = 0;
              profile.isPresent() && profile.get().mergedInto() != null && hops < 1000;
              hops++) {
            profile = profiles.find(c, profile.get().mergedInto());
          }
          if (profile.isEmpty()) {
            return new Suppression.Active("no such profile (deleted, or never known)", null);
          }
          if (profile.get().suppressed()) {
            return new Suppression.Active("the profile is suppressed", null);
          }
          for (Identifier identifier :
              identity.identifiersOf(c, ProfileTree.of(c, profile.get().id()))) {
            Suppression suppression = of(c, identifier);
            if (suppression.suppressed()) {
              return suppression;
            }
          }
          return new Suppression.None();
        });
  }

  @Override
  public Suppression ofAddress(Identifier address) {
    return database.read(
        c -> {
          Suppression deleted = of(c, address);
          if (deleted.suppressed()) {
            return deleted;
          }
          Optional<AddressSuppression> entry = AddressSuppressionStore.active(c, address);
          if (entry.isPresent() && entry.get().stopsEverything()) {
            return new Suppression.Active(entry.get().reason(), entry.get().suppressedAt());
          }
          return deleted;
        });
  }

  private static Suppression of(Connection c, Identifier identifier) throws SQLException {
    String hash = identifier.valueSha256();
    List<Suppression> active =
        Sql.list(
            c,
            "select reason, suppressed_at from suppressed_identifiers"
                + " where kind = ? and value_sha256 = ?",
            rs -> new Suppression.Active(rs.getString(1), Sql.instant(rs, "suppressed_at")),
            identifier.kind(),
            hash);
    if (!active.isEmpty()) {
      return active.get(0);
    }
    List<Suppression> lifted =
        Sql.list(
            c,
            "select source, lifted_at, suppressed_at from suppression_lifts"
                + " where kind = ? and value_sha256 = ? order by lifted_at desc, id desc limit 1",
            rs ->
                new Suppression.Lifted(
                    rs.getString(1),
                    Sql.instant(rs, "lifted_at"),
                    Sql.instant(rs, "suppressed_at")),
            identifier.kind(),
            hash);
    return lifted.isEmpty() ? new Suppression.None() : lifted.get(0);
  }

  /**
   * Lifts the suppression of one identifier on an explicit new opt-in, recorded with its source.
   * Events carrying it are applied from now on, to a new profile: nothing of the deleted person
   * comes back. It takes the log cursor, so no group of events is being applied meanwhile.
   */
  public LiftOutcome lift(Identifier identifier, String source) {
    return database.inTransaction(
        c -> {
          EventCursor.lockForChange(c);
          // as the database keeps it, so the answer and later lookups say the same time
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          List<Instant> since =
              Sql.list(
                  c,
                  "delete from suppressed_identifiers where kind = ? and value_sha256 = ?"
                      + " returning suppressed_at",
                  rs -> Sql.instant(rs, "suppressed_at"),
                  identifier.kind(),
                  identifier.valueSha256());
          if (since.isEmpty()) {
            return new LiftOutcome.NotSuppressed();
          }
          Sql.update(
              c,
              "update address_suppressions set lifted_at = ?, lift_source = ? where kind = ?"
                  + " and value_sha256 = ? and reason = ? and lifted_at is null",
              Sql.timestamp(now),
              source,
              identifier.kind(),
              identifier.valueSha256(),
              AddressSuppression.DELETION_REQUEST);
          Sql.update(
              c,
              "insert into suppression_lifts (kind, value_sha256, source, lifted_at,"
                  + " suppressed_at) values (?, ?, ?, ?, ?)",
              identifier.kind(),
              identifier.valueSha256(),
              source,
              Sql.timestamp(now),
              Sql.timestamp(since.get(0)));
          return new LiftOutcome.Lifted(identifier, source, now, since.get(0));
        });
  }
}
