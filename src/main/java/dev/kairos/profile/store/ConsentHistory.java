package dev.kairos.profile.store;

import dev.kairos.platform.db.Sql;
import dev.kairos.profile.ConsentChange;
import dev.kairos.profile.EventFacts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The consent decisions of applied events (table {@code consent_history}), written in the
 * transaction that applies them, on the profile each event was applied to.
 */
final class ConsentHistory {
  private ConsentHistory() {}

  static void record(Connection c, List<EventApplier.Logged> events, List<UUID> eventProfiles)
      throws SQLException {
    PreparedStatement insert = null;
    try {
      for (int i = 0; i < events.size(); i++) {
        EventFacts facts = events.get(i).prepared().facts();
        UUID profile = eventProfiles.get(i);
        if (facts.consent().isEmpty() || profile == null) {
          continue;
        }
        if (insert == null) {
          insert =
              c.prepareStatement(
                  "insert into consent_history (profile_id, channel, topic, status, legal_basis,"
                      + " source, recorded_at, message_id, seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " on conflict do nothing");
        }
        for (ConsentChange change : facts.consent()) {
          add(insert, profile, change, facts.timestamp(), facts.messageId(), events.get(i).seq());
        }
      }
      if (insert != null) {
        insert.executeBatch();
      }
    } finally {
      if (insert != null) {
        insert.close();
      }
    }
  }

  private static void add(
      PreparedStatement insert,
      UUID profile,
      ConsentChange change,
      Instant at,
      String messageId,
      long seq)
      throws SQLException {
    insert.setObject(1, profile);
    insert.setString(2, change.channel());
    insert.setString(3, change.topic());
    insert.setString(4, change.status());
    insert.setString(5, change.legalBasis());
    insert.setString(6, change.source());
    insert.setTimestamp(7, Sql.timestamp(at));
    insert.setString(8, messageId);
    insert.setLong(9, seq);
    insert.addBatch();
  }
}
