package dev.kairos.profile.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Which profile each event of the log was applied to (table {@code event_profiles}). */
final class EventProfiles {

  /** Links each event to the profile it was applied to, with {@code COPY}. */
  void link(Connection c, List<EventApplier.Logged> events, List<UUID> profileIds)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 90);
    StringBuilder line = new StringBuilder(96);
    for (int i = 0; i < events.size(); i++) {
      line.setLength(0);
      line.append(events.get(i).seq())
          .append('\t')
          .append(profileIds.get(i))
          .append('\t')
          .append(events.get(i).prepared().event().timestamp())
          .append('\n');
      bytes.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
    byte[] data = bytes.toByteArray();
    CopyIn copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("copy event_profiles (seq, profile_id, occurred_at) from stdin");
    try {
      copy.writeToCopy(data, 0, data.length);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }
}
