package dev.kairos.delivery.store;

import dev.kairos.delivery.Addresses;
import dev.kairos.delivery.FrequencyCaps;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** What delivery policy needs to know of a person: suppression, time zone, messages sent. */
final class PersonFacts {
  record Person(boolean suppressed, ZoneId zone, String address, FrequencyCaps.SentCounts sent) {}

  private final ZoneId workspaceZone;

  PersonFacts(ZoneId workspaceZone) {
    this.workspaceZone = workspaceZone;
  }

  /**
   * The person's facts for a message on {@code channel}; the address is the trait named after the
   * channel's identifier kind ({@link Addresses}), else their newest identifier of that kind.
   */
  Person of(Connection c, UUID profileId, String channel, Instant now) throws SQLException {
    String kind = Addresses.kind(channel).orElse("");
    var rows =
        Sql.list(
            c,
            "select suppressed, time_zone, coalesce(nullif(traits ->> ?, ''), (select value from"
                + " identifiers i where i.profile_id = profiles.id and i.kind = ?"
                + " order by first_seen_at desc limit 1)) from profiles where id = ?",
            rs -> new Object[] {rs.getBoolean(1), rs.getString(2), rs.getString(3)},
            kind,
            kind,
            profileId);
    if (rows.isEmpty()) {
      return new Person(true, workspaceZone, null, new FrequencyCaps.SentCounts(0, 0, 0, 0));
    }
    Object[] row = rows.get(0);
    ZoneId zone = zone((String) row[1]);
    Instant today = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    Instant week = now.minus(Duration.ofDays(7));
    FrequencyCaps.SentCounts sent =
        Sql.list(
                c,
                "select count(*) filter (where channel = ?"
                    + " and sent_at >= ?), count(*) filter (where sent_at >= ?), count(*) filter (where"
                    + " channel = ?), count(*) from messages where profile_id = ? and sent_at >= ?"
                    + " and topic <> 'transactional'",
                rs ->
                    new FrequencyCaps.SentCounts(
                        rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                channel,
                Sql.timestamp(today),
                Sql.timestamp(today),
                channel,
                profileId,
                Sql.timestamp(week.isBefore(today) ? week : today))
            .get(0);
    return new Person((Boolean) row[0], zone, (String) row[2], sent);
  }

  private ZoneId zone(String text) {
    if (text == null) {
      return workspaceZone;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      return workspaceZone;
    }
  }
}
