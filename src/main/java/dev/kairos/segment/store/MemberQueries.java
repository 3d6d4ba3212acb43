package dev.kairos.segment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.platform.DatabaseException;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Reads who is in a segment, and which segments a profile is in. */
public final class MemberQueries {
  private final Database database;
  private final ObjectMapper mapper;

  public MemberQueries(Database database, ObjectMapper mapper) {
    this.database = database;
    this.mapper = mapper;
  }

  /** A current member and when they entered. */
  public record Member(UUID profileId, Instant enteredAt) {}

  /** A current membership of a profile, with why it was entered. */
  public record Membership(String key, String name, Instant enteredAt, JsonNode reasons) {}

  /** A page of a segment's current members, in profile id order, after {@code after} (or first). */
  public List<Member> members(String key, UUID after, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select profile_id, entered_at from segment_memberships where segment_key = ? and"
                    + " exited_at is null and profile_id > ? order by profile_id limit ?",
                rs -> new Member(rs.getObject(1, UUID.class), Sql.instant(rs, "entered_at")),
                key,
                after == null ? new UUID(0, 0) : after,
                limit));
  }

  /**
   * Every current member, streamed in profile id order (for the CSV export), without holding them
   * all in memory.
   */
  public void eachMember(String key, Consumer<Member> member) {
    database.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select profile_id, entered_at from segment_memberships where segment_key = ?"
                      + " and exited_at is null order by profile_id")) {
            ps.setFetchSize(5_000);
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                member.accept(
                    new Member(rs.getObject(1, UUID.class), Sql.instant(rs, "entered_at")));
              }
            }
          }
          return null;
        });
  }

  /** The segments a profile is in now, by key. */
  public List<Membership> memberships(UUID profileId) {
    return database.read(
        c -> {
          List<Membership> memberships = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select m.segment_key, s.name, m.entered_at, m.reasons::text from"
                      + " segment_memberships m join segments s on s.key = m.segment_key where"
                      + " m.profile_id = ? and m.exited_at is null order by m.segment_key")) {
            ps.setObject(1, profileId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                memberships.add(
                    new Membership(
                        rs.getString(1),
                        rs.getString(2),
                        Sql.instant(rs, "entered_at"),
                        tree(rs.getString(4))));
              }
            }
          }
          return memberships;
        });
  }

  /** Whether a profile with this id exists. */
  public boolean exists(UUID profileId) {
    return database.read(
        c -> !Sql.list(c, "select 1 from profiles where id = ?", rs -> 1, profileId).isEmpty());
  }

  /** The surviving profile a (possibly merged) profile id resolves to. */
  public UUID surviving(UUID profileId) {
    return database.read(
        c -> {
          UUID id = profileId;
          for (int hops = 0; hops < 100; hops++) {
            List<UUID> next =
                Sql.list(
                    c,
                    "select merged_into from profiles where id = ?",
                    rs -> rs.getObject(1, UUID.class),
                    id);
            if (next.isEmpty() || next.get(0) == null) {
              return id;
            }
            id = next.get(0);
          }
          return id;
        });
  }

  private JsonNode tree(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new DatabaseException("unreadable membership reasons", e);
    }
  }
}
