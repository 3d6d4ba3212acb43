package dev.kairos.profile.store;

import dev.kairos.platform.db.BinaryCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Which profile each event of the log was applied to (table {@code event_profiles}). */
final class EventProfiles {

  /** Links each event to the profile it was applied to. */
  void link(Connection c, List<EventApplier.Logged> events, List<UUID> profileIds)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    List<byte[][]> rows = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      rows.add(
          new byte[][] {
            new BinaryCopy.Row(3, 48)
                .int8(events.get(i).seq())
                .uuid(profileIds.get(i))
                .timestamp(events.get(i).prepared().timestamp())
                .bytes()
          });
    }
    BinaryCopy.copyIn(
        c,
        "copy event_profiles (seq, profile_id, occurred_at) from stdin with (format binary)",
        rows);
  }
}
