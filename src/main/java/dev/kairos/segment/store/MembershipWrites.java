package dev.kairos.segment.store;

import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The membership rows a batch of verdicts changes, over any number of segments, written with one
 * statement per kind of change (entries, exits, deadlines set, deadlines forgotten).
 */
final class MembershipWrites {
  private final List<String> enterKeys = new ArrayList<>();
  private final List<UUID> enterIds = new ArrayList<>();
  private final List<String> enterReasons = new ArrayList<>();
  private final List<String> exitKeys = new ArrayList<>();
  private final List<UUID> exitIds = new ArrayList<>();
  private final List<String> dueKeys = new ArrayList<>();
  private final List<UUID> dueIds = new ArrayList<>();
  private final List<Timestamp> dueAts = new ArrayList<>();
  private final List<String> forgetKeys = new ArrayList<>();
  private final List<UUID> forgetIds = new ArrayList<>();

  void enter(String key, UUID id, String reasons) {
    enterKeys.add(key);
    enterIds.add(id);
    enterReasons.add(reasons);
  }

  void exit(String key, UUID id) {
    exitKeys.add(key);
    exitIds.add(id);
  }

  void deadline(String key, UUID id, Instant due) {
    dueKeys.add(key);
    dueIds.add(id);
    dueAts.add(Timestamp.from(due));
  }

  void forgetDeadline(String key, UUID id) {
    forgetKeys.add(key);
    forgetIds.add(id);
  }

  void write(Connection c, Instant now) throws SQLException {
    if (!enterIds.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into segment_memberships (segment_key, profile_id, entered_at, reasons)"
                  + " select u.k, u.id, ?, u.reasons::jsonb from unnest(?::text[], ?::uuid[],"
                  + " ?::text[]) as u (k, id, reasons) on conflict do nothing")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setArray(2, Sql.texts(c, enterKeys));
        ps.setArray(3, Sql.uuids(c, enterIds));
        ps.setArray(4, Sql.texts(c, enterReasons));
        ps.executeUpdate();
      }
    }
    if (!exitIds.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "update segment_memberships m set exited_at = ? from unnest(?::text[], ?::uuid[])"
                  + " as u (k, id) where m.segment_key = u.k and m.profile_id = u.id and"
                  + " m.exited_at is null")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setArray(2, Sql.texts(c, exitKeys));
        ps.setArray(3, Sql.uuids(c, exitIds));
        ps.executeUpdate();
      }
    }
    if (!forgetIds.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "delete from segment_deadlines d using unnest(?::text[], ?::uuid[]) as u (k, id)"
                  + " where d.segment_key = u.k and d.profile_id = u.id")) {
        ps.setArray(1, Sql.texts(c, forgetKeys));
        ps.setArray(2, Sql.uuids(c, forgetIds));
        ps.executeUpdate();
      }
    }
    if (!dueIds.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into segment_deadlines (segment_key, profile_id, due_at) select u.k, u.id,"
                  + " u.due from unnest(?::text[], ?::uuid[], ?::timestamptz[]) as u (k, id, due)"
                  + " on conflict (segment_key, profile_id) do update set due_at ="
                  + " excluded.due_at")) {
        ps.setArray(1, Sql.texts(c, dueKeys));
        ps.setArray(2, Sql.uuids(c, dueIds));
        ps.setArray(3, c.createArrayOf("timestamptz", dueAts.toArray()));
        ps.executeUpdate();
      }
    }
  }
}
