package dev.kairos.profile.store;

import dev.kairos.identity.Identifier;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.AddressSuppression;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Suppressed addresses (table {@code address_suppressions}): one active entry per address; the
 * first reason stays (a complaint after a hard bounce adds nothing). Soft bounces are counted in a
 * row per address ({@code soft_bounce_counts}); one more than {@link
 * AddressSuppression#SOFT_BOUNCES_ALLOWED} suppresses it.
 */
public final class AddressSuppressionStore {
  private static final String COLUMNS = "id, kind, value, reason, detail, source, suppressed_at";

  private final Database database;
  private final Clock clock;

  public AddressSuppressionStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** The outcome of suppressing an address: the active entry, and whether this call made it. */
  public record Added(AddressSuppression suppression, boolean isNew) {}

  /** The outcome of a soft bounce: the count in a row, and the suppression it led to if any. */
  public record SoftBounce(int consecutive, Optional<AddressSuppression> suppression) {}

  /** A page of the list; {@code next} is the {@code after} of the next page, if any. */
  public record Page(List<AddressSuppression> suppressions, Optional<Long> next) {}

  public Added add(Identifier address, String reason, String detail, String source) {
    return database.inTransaction(c -> add(c, address, reason, detail, source, clock.instant()));
  }

  static Added add(
      Connection c, Identifier address, String reason, String detail, String source, Instant now)
      throws SQLException {
    List<AddressSuppression> inserted =
        Sql.list(
            c,
            "insert into address_suppressions (kind, value, value_sha256, reason, detail, source,"
                + " suppressed_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing"
                + " returning "
                + COLUMNS,
            AddressSuppressionStore::read,
            address.kind(),
            address.value(),
            address.valueSha256(),
            reason,
            detail,
            source,
            Sql.timestamp(now));
    if (!inserted.isEmpty()) {
      return new Added(inserted.get(0), true);
    }
    return new Added(active(c, address).orElseThrow(), false);
  }

  public Optional<AddressSuppression> active(Identifier address) {
    return database.read(c -> active(c, address));
  }

  static Optional<AddressSuppression> active(Connection c, Identifier address) throws SQLException {
    return Sql.list(
            c,
            "select "
                + COLUMNS
                + " from address_suppressions where kind = ? and value_sha256 = ?"
                + " and lifted_at is null",
            AddressSuppressionStore::read,
            address.kind(),
            address.valueSha256())
        .stream()
        .findFirst();
  }

  /** Active suppressions in the order they were made, optionally of one reason or kind. */
  public Page list(String reason, String kind, long after, int limit) {
    List<AddressSuppression> rows =
        database.read(
            c ->
                Sql.list(
                    c,
                    "select "
                        + COLUMNS
                        + " from address_suppressions where lifted_at is null and id > ?"
                        + " and (?::text is null or reason = ?) and (?::text is null or kind = ?)"
                        + " order by id limit ?",
                    AddressSuppressionStore::read,
                    after,
                    reason,
                    reason,
                    kind,
                    kind,
                    limit + 1));
    if (rows.size() > limit) {
      return new Page(rows.subList(0, limit), Optional.of(rows.get(limit - 1).id()));
    }
    return new Page(rows, Optional.empty());
  }

  /** A lifted suppression and when it was lifted. */
  public record Lifted(AddressSuppression suppression, Instant liftedAt) {}

  /** Lifts the address's active suppression, if any, recording the source. */
  public Optional<Lifted> lift(Identifier address, String source) {
    Instant now = clock.instant();
    return database
        .inTransaction(c -> lift(c, address, source, now))
        .map(lifted -> new Lifted(lifted, now));
  }

  static Optional<AddressSuppression> lift(
      Connection c, Identifier address, String source, Instant now) throws SQLException {
    return Sql.list(
            c,
            "update address_suppressions set lifted_at = ?, lift_source = ?"
                + " where kind = ? and value_sha256 = ? and lifted_at is null returning "
                + COLUMNS,
            AddressSuppressionStore::read,
            Sql.timestamp(now),
            source,
            address.kind(),
            address.valueSha256())
        .stream()
        .findFirst();
  }

  /**
   * Counts a soft bounce; the {@value AddressSuppression#SOFT_BOUNCES_ALLOWED}th one more
   * suppresses.
   */
  public SoftBounce softBounce(Identifier address, String detail, String source) {
    return database.inTransaction(
        c -> {
          Instant now = clock.instant();
          int consecutive =
              Sql.list(
                      c,
                      "insert into soft_bounce_counts (kind, value_sha256, consecutive, last_at)"
                          + " values (?, ?, 1, ?) on conflict (kind, value_sha256) do update set"
                          + " consecutive = soft_bounce_counts.consecutive + 1,"
                          + " last_at = excluded.last_at returning consecutive",
                      rs -> rs.getInt(1),
                      address.kind(),
                      address.valueSha256(),
                      Sql.timestamp(now))
                  .get(0);
          if (consecutive <= AddressSuppression.SOFT_BOUNCES_ALLOWED) {
            return new SoftBounce(consecutive, Optional.empty());
          }
          Added added =
              add(
                  c,
                  address,
                  AddressSuppression.SOFT_BOUNCES,
                  consecutive + " soft bounces in a row; last: " + detail,
                  source,
                  now);
          return new SoftBounce(consecutive, Optional.of(added.suppression()));
        });
  }

  /** A delivery to the address: its soft bounces are no longer in a row. */
  public void delivered(Identifier address) {
    database.inTransaction(
        c ->
            Sql.update(
                c,
                "delete from soft_bounce_counts where kind = ? and value_sha256 = ?",
                address.kind(),
                address.valueSha256()));
  }

  /**
   * A deleted person's addresses: suppressed for the deletion request (those already suppressed
   * keep their reason), and no longer kept in clear.
   */
  static void deleted(Connection c, List<Identifier> identifiers, Instant now) throws SQLException {
    for (Identifier identifier : identifiers) {
      if (!identifier.kind().equals(Identifier.EMAIL)
          && !identifier.kind().equals(Identifier.PHONE)) {
        continue;
      }
      add(c, identifier, AddressSuppression.DELETION_REQUEST, null, "DELETE /api/profiles", now);
      Sql.update(
          c,
          "update address_suppressions set value = null where kind = ? and value_sha256 = ?",
          identifier.kind(),
          identifier.valueSha256());
    }
  }

  private static AddressSuppression read(ResultSet rs) throws SQLException {
    return new AddressSuppression(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("value"),
        rs.getString("reason"),
        rs.getString("detail"),
        rs.getString("source"),
        Sql.instant(rs, "suppressed_at"));
  }
}
