package dev.kairos.profile.store;

import dev.kairos.ingest.EventType;
import dev.kairos.platform.db.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person's track events counted for segment conditions (tables {@code profile_behaviour} and
 * {@code profile_behaviour_days}, decision 0021): per event name the total, first and last, and the
 * count per UTC day. Kept on the profile the events belong to after merges.
 */
public final class ProfileBehaviour {

  /**
   * Counts a group's track events for the profiles they were applied to (in event order; {@code
   * null} for an event applied to no profile, which is not counted).
   */
  void count(Connection c, List<EventApplier.Logged> events, List<UUID> profileIds)
      throws SQLException {
    Map<TotalKey, Total> totals = new LinkedHashMap<>();
    Map<DayKey, Integer> days = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      var facts = events.get(i).prepared().facts();
      String name = facts.commerce().name();
      UUID profile = profileIds.get(i);
      if (facts.type() != EventType.TRACK || name == null || profile == null) {
        continue; // (no profile: a scrubbed event, or one of a deleted person, counts for no one)
      }
      Instant at = facts.timestamp();
      totals.computeIfAbsent(new TotalKey(profile, name), k -> new Total()).add(at);
      days.merge(
          new DayKey(name, LocalDate.ofInstant(at, ZoneOffset.UTC), profile), 1, Integer::sum);
    }
    if (totals.isEmpty()) {
      return;
    }
    writeTotals(c, totals);
    writeDays(c, days);
  }

  private static void writeTotals(Connection c, Map<TotalKey, Total> totals) throws SQLException {
    List<UUID> profiles = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    List<Timestamp> firsts = new ArrayList<>();
    List<Timestamp> lasts = new ArrayList<>();
    for (Map.Entry<TotalKey, Total> e : totals.entrySet()) {
      profiles.add(e.getKey().profile());
      names.add(e.getKey().event());
      counts.add(e.getValue().count);
      firsts.add(Timestamp.from(e.getValue().first));
      lasts.add(Timestamp.from(e.getValue().last));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into profile_behaviour (profile_id, event, total, first_at, last_at)"
                + " select * from unnest(?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[],"
                + " ?::timestamptz[])"
                + " on conflict (profile_id, event) do update set"
                + " total = profile_behaviour.total + excluded.total,"
                + " first_at = least(profile_behaviour.first_at, excluded.first_at),"
                + " last_at = greatest(profile_behaviour.last_at, excluded.last_at)")) {
      ps.setArray(1, Sql.uuids(c, profiles));
      ps.setArray(2, Sql.texts(c, names));
      ps.setArray(3, c.createArrayOf("bigint", counts.toArray()));
      ps.setArray(4, c.createArrayOf("timestamptz", firsts.toArray()));
      ps.setArray(5, c.createArrayOf("timestamptz", lasts.toArray()));
      ps.executeUpdate();
    }
  }

  private static void writeDays(Connection c, Map<DayKey, Integer> days) throws SQLException {
    List<String> names = new ArrayList<>();
    List<String> dates = new ArrayList<>();
    List<UUID> profiles = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (Map.Entry<DayKey, Integer> e : days.entrySet()) {
      names.add(e.getKey().event());
      dates.add(e.getKey().day().toString());
      profiles.add(e.getKey().profile());
      counts.add(e.getValue());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into profile_behaviour_days (event, day, profile_id, count)"
                + " select * from unnest(?::text[], ?::date[], ?::uuid[], ?::integer[])"
                + " on conflict (event, day, profile_id) do update set"
                + " count = profile_behaviour_days.count + excluded.count")) {
      ps.setArray(1, Sql.texts(c, names));
      ps.setArray(2, Sql.texts(c, dates));
      ps.setArray(3, Sql.uuids(c, profiles));
      ps.setArray(4, c.createArrayOf("integer", counts.toArray()));
      ps.executeUpdate();
    }
  }

  /** A merge: the merged profile's counters are added to the surviving one's. */
  void move(Connection c, UUID merged, UUID surviving) throws SQLException {
    Sql.update(
        c,
        "insert into profile_behaviour (profile_id, event, total, first_at, last_at)"
            + " select ?::uuid, event, total, first_at, last_at from profile_behaviour"
            + " where profile_id = ?"
            + " on conflict (profile_id, event) do update set"
            + " total = profile_behaviour.total + excluded.total,"
            + " first_at = least(profile_behaviour.first_at, excluded.first_at),"
            + " last_at = greatest(profile_behaviour.last_at, excluded.last_at)",
        surviving,
        merged);
    Sql.update(
        c,
        "insert into profile_behaviour_days (event, day, profile_id, count)"
            + " select event, day, ?::uuid, count from profile_behaviour_days where profile_id = ?"
            + " on conflict (event, day, profile_id) do update set"
            + " count = profile_behaviour_days.count + excluded.count",
        surviving,
        merged);
    delete(c, List.of(merged));
  }

  /** Counts a profile's events again from the log: its own and those of profiles merged into it. */
  void rebuild(Connection c, UUID profile, Collection<UUID> tree) throws SQLException {
    delete(c, List.of(profile));
    Array ids = Sql.uuids(c, tree);
    Sql.update(
        c,
        "insert into profile_behaviour (profile_id, event, total, first_at, last_at)"
            + " select ?::uuid, e.event, count(*), min(l.occurred_at), max(l.occurred_at)"
            + " from event_profiles l join events e on e.seq = l.seq"
            + " where l.profile_id = any(?::uuid[]) and e.type = 'track' and e.event is not null"
            + " group by e.event",
        profile,
        ids);
    Sql.update(
        c,
        "insert into profile_behaviour_days (event, day, profile_id, count)"
            + " select e.event, (l.occurred_at at time zone 'UTC')::date, ?::uuid, count(*)"
            + " from event_profiles l join events e on e.seq = l.seq"
            + " where l.profile_id = any(?::uuid[]) and e.type = 'track' and e.event is not null"
            + " group by 1, 2",
        profile,
        ids);
  }

  void delete(Connection c, Collection<UUID> profiles) throws SQLException {
    Array ids = Sql.uuids(c, profiles);
    Sql.update(c, "delete from profile_behaviour where profile_id = any(?::uuid[])", ids);
    Sql.update(c, "delete from profile_behaviour_days where profile_id = any(?::uuid[])", ids);
  }

  private record TotalKey(UUID profile, String event) {}

  private record DayKey(String event, LocalDate day, UUID profile) {}

  private static final class Total {
    long count;
    Instant first;
    Instant last;

    void add(Instant at) {
      count++;
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }
  }
}
