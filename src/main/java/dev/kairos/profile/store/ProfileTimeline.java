package dev.kairos.profile.store;

import dev.kairos.platform.db.BinaryCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which profile each event of the log was applied to (table {@code profile_timeline}, read as the
 * view {@code event_profiles}): one row per profile and applied group, holding that person's events
 * of the group. A person's events come together, so this writes a fraction of the rows (and of the
 * random timeline-index inserts) a row per event did.
 */
final class ProfileTimeline {

  /**
   * Links each event to the profile it was applied to ({@code profileIds} in event order; null for
   * an event applied to no profile).
   */
  void link(Connection c, List<EventApplier.Logged> events, List<UUID> profileIds)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    Map<UUID, Run> runs = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      if (profileIds.get(i) == null) {
        continue;
      }
      runs.computeIfAbsent(profileIds.get(i), id -> new Run()).add(events.get(i));
    }
    if (runs.isEmpty()) {
      return;
    }
    List<byte[][]> rows = new ArrayList<>(runs.size());
    for (Map.Entry<UUID, Run> run : runs.entrySet()) {
      rows.add(new byte[][] {run.getValue().row(run.getKey())});
    }
    BinaryCopy.copyIn(
        c,
        "copy profile_timeline (profile_id, first_seq, seqs, occurred_ats)"
            + " from stdin with (format binary)",
        rows);
  }

  /** One person's events of a group, in {@code seq} order. */
  private static final class Run {
    private final List<Long> seqs = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();

    void add(EventApplier.Logged event) {
      seqs.add(event.seq());
      times.add(event.prepared().timestamp());
    }

    byte[] row(UUID profileId) {
      return new BinaryCopy.Row(4, 64 + 24 * seqs.size())
          .uuid(profileId)
          .int8(seqs.get(0))
          .int8Array(seqs)
          .timestampArray(times)
          .bytes();
    }
  }
}
