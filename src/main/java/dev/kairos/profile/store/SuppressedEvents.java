package dev.kairos.profile.store;

import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentityResolver;
import dev.kairos.platform.db.Columns;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The events of a group that carry a suppressed identifier (a deleted person writing again, or an
 * event acknowledged before their deletion and applied after it). Such an event changes no profile
 * and links nothing: its identifiers that no live profile owns are suppressed too (they arrived
 * with the deleted person), and its row in the log is scrubbed to a stub in the same transaction
 * (type, track event name, message id and times), so nothing readable about the person is kept. See
 * decision 0013.
 */
final class SuppressedEvents {
  /** What an event of the log keeps once scrubbed; it names nobody, so it is never applied. */
  static final String STUB =
      "json_build_object('type', type, 'event', case when type = 'track' then event end,"
          + " 'messageId', message_id, 'timestamp', occurred_at, 'receivedAt', received_at,"
          + " 'suppressed', true)::text";

  private final Set<Identifier> suppressed;
  private final Set<Identifier> joining = new LinkedHashSet<>();
  private final List<Long> scrubbed = new ArrayList<>();

  /**
   * @param suppressed the group's identifiers that are suppressed
   */
  SuppressedEvents(Set<Identifier> suppressed) {
    this.suppressed = suppressed;
  }

  /** Whether the event carries a suppressed identifier. */
  boolean carriedBy(List<Identifier> identifiers) {
    if (suppressed.isEmpty()) {
      return false;
    }
    for (Identifier identifier : identifiers) {
      if (suppressed.contains(identifier)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes the event out of the person's record: it is scrubbed, and its identifiers no profile owns
   * become suppressed (a shared device's identifier on a live profile stays there).
   */
  void scrub(long seq, List<Identifier> identifiers, IdentityResolver resolver) {
    scrubbed.add(seq);
    for (Identifier identifier : identifiers) {
      if (resolver.owner(identifier).isEmpty() && suppressed.add(identifier)) {
        joining.add(identifier);
      }
    }
  }

  /** Suppresses the identifiers that arrived with suppressed ones and scrubs the events. */
  void write(Connection c, Instant now) throws SQLException {
    if (!joining.isEmpty()) {
      Columns rows = new Columns(2);
      for (Identifier identifier : joining) {
        rows.row(identifier.kind(), identifier.valueSha256());
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into suppressed_identifiers (kind, value_sha256, reason, suppressed_at)"
                  + " select u.kind, u.h, 'arrived with a deleted identifier', ?"
                  + " from unnest(?::text[], ?::text[]) as u(kind, h) on conflict do nothing")) {
        ps.setTimestamp(1, Sql.timestamp(now));
        rows.bind(c, ps, 2);
        ps.executeUpdate();
      }
    }
    scrub(c, scrubbed);
  }

  /** Replaces the events' stored payloads by stubs and forgets their user and anonymous ids. */
  static void scrub(Connection c, List<Long> seqs) throws SQLException {
    if (seqs.isEmpty()) {
      return;
    }
    Sql.update(
        c,
        "update events set payload = "
            + STUB
            + ", user_id = null, anonymous_id = null,"
            + " event = case when type = 'track' then event end where seq = any(?)",
        c.createArrayOf("bigint", seqs.toArray()));
  }
}
