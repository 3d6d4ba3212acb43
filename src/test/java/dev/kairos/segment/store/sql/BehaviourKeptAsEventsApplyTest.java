package dev.kairos.segment.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.ConditionParser;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.InMemoryEvaluator;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Person;
import dev.kairos.segment.condition.SegmentDefinitions;
import dev.kairos.testing.RunningKairos;
import dev.kairos.testing.TestServer;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The behaviour counters segment conditions read are kept by the event processor as events apply:
 * equal to the events counted again from the log, moved with a merge, given back on unmerge; and a
 * condition over them finds the person in SQL and in memory.
 */
class BehaviourKeptAsEventsApplyTest {
  @RegisterExtension static final RunningKairos KAIROS = new RunningKairos("2026-06-01T08:00:00Z");
  private static final String RECOUNT =
      "select l.profile_id, e.event, count(*), min(l.occurred_at), max(l.occurred_at)"
          + " from events e join event_profiles l on l.seq = e.seq"
          + " where e.type = 'track' and e.event is not null and l.profile_id = ?";

  @Test
  void counters_follow_the_events_through_a_merge_and_its_undoing() {
    KAIROS.send("/v1/track", view("anon-1", "2026-05-31T10:00:00Z"));
    KAIROS.send("/v1/track", view("anon-1", "2026-05-31T23:59:59Z"));
    KAIROS.send("/v1/track", view("anon-1", "2026-04-01T12:00:00Z")); // outside 30 days
    KAIROS.send(
        "/v1/track",
        "{\"userId\":\"ann\",\"event\":\"Product Viewed\",\"timestamp\":\"2026-05-20T09:00:00Z\","
            + "\"properties\":{\"product_id\":\"p2\",\"category\":\"Hats\"}}");
    KAIROS.send("/v1/page", "{\"userId\":\"ann\",\"name\":\"Home\"}"); // not a track event
    String anon = KAIROS.profile("anonymousId:anon-1").path("id").asText();
    String ann = KAIROS.profile("userId:ann").path("id").asText();
    assertThat(counters(anon))
        .containsExactly("Product Viewed 3 2026-04-01T12:00:00Z 2026-05-31T23:59:59Z");
    assertThat(days(anon))
        .containsExactly("Product Viewed 2026-04-01 1", "Product Viewed 2026-05-31 2");
    assertThat(counters(anon)).isEqualTo(recounted(List.of(anon)));

    KAIROS.send("/v1/identify", "{\"userId\":\"ann\",\"anonymousId\":\"anon-1\"}");
    String merged = KAIROS.profile("userId:ann").path("id").asText();
    String gone = merged.equals(ann) ? anon : ann;
    assertThat(counters(merged))
        .containsExactly("Product Viewed 4 2026-04-01T12:00:00Z 2026-05-31T23:59:59Z");
    assertThat(counters(gone)).isEmpty();
    assertThat(
            member(
                merged,
                "{\"performed\": \"Product Viewed\", \"count\": {\"op\": \"gte\", \"value\": 3}, \"within_days\": 30}"))
        .isTrue();
    assertThat(
            member(
                merged,
                "{\"performed\": \"Product Viewed\", \"where\": [{\"property\": \"category\", \"op\": \"eq\", \"value\": \"Shoes\"}], \"count\": {\"op\": \"eq\", \"value\": 3}}"))
        .as("events of the merged profile count for the survivor")
        .isTrue();

    long mergeId =
        KAIROS
            .server()
            .get("/api/profiles/" + merged + "/identity")
            .body()
            .path("merges")
            .get(0)
            .path("merge_id")
            .asLong();
    TestServer.Response undone =
        KAIROS
            .server()
            .post("/api/merges/" + mergeId + "/undo", "", "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(undone.status()).isEqualTo(200);
    assertThat(counters(anon)).isEqualTo(recounted(List.of(anon))).hasSize(1);
    assertThat(counters(ann))
        .containsExactly("Product Viewed 1 2026-05-20T09:00:00Z 2026-05-20T09:00:00Z");
  }

  @Test
  void a_deleted_person_leaves_no_counters() {
    KAIROS.send("/v1/track", view("anon-del", "2026-05-31T10:00:00Z"));
    String id = KAIROS.profile("anonymousId:anon-del").path("id").asText();
    assertThat(counters(id)).hasSize(1);
    assertThat(KAIROS.server().admin("DELETE", "/api/profiles/" + id).status()).isEqualTo(200);
    assertThat(counters(id)).isEmpty();
    assertThat(days(id)).isEmpty();
  }

  @Test
  void events_of_a_deleted_person_count_for_no_one_and_are_still_applied() {
    KAIROS.send("/v1/track", view("anon-gone", "2026-05-31T10:00:00Z"));
    String id = KAIROS.profile("anonymousId:anon-gone").path("id").asText();
    assertThat(KAIROS.server().admin("DELETE", "/api/profiles/" + id).status()).isEqualTo(200);
    TestServer server = KAIROS.server();
    long counters = server.count("select count(*) from profile_behaviour");

    // the person's device writes again: these events apply to no profile
    KAIROS.send("/v1/track", view("anon-gone", "2026-05-31T11:00:00Z"));
    KAIROS.send("/v1/track", view("anon-gone", "2026-05-31T12:00:00Z"));

    assertThat(server.count("select count(*) from event_failures"))
        .as("the group holding them applied")
        .isZero();
    assertThat(server.count("select count(*) from events where payload like '%anon-gone%'"))
        .as("kept as stubs")
        .isZero();
    assertThat(server.count("select count(*) from profile_behaviour")).isEqualTo(counters);
  }

  private static String view(String anonymousId, String at) {
    return "{\"anonymousId\":\""
        + anonymousId
        + "\",\"event\":\"Product Viewed\",\"timestamp\":\""
        + at
        + "\",\"properties\":{\"product_id\":\"p1\",\"category\":\"Shoes\"}}";
  }

  /** Whether both evaluators find the person, and agree. */
  private static boolean member(String profileId, String json) {
    ParseResult parsed =
        new ConditionParser(SegmentDefinitions.NONE).parse(ConditionParserSupport.tree(json));
    Condition condition = ((ParseResult.Valid) parsed).condition();
    Instant now = KAIROS.clock().instant();
    UUID id = UUID.fromString(profileId);
    var database = KAIROS.server().server().database();
    boolean inSql =
        database
            .read(
                c ->
                    new SegmentSql(SegmentDefinitions.NONE, ZoneId.of("UTC"))
                        .ids(c, condition, now, null, 100))
            .contains(id);
    Map<UUID, Person> people =
        database.read(
            c ->
                new PersonLoader()
                    .load(c, Set.of(id), Dependencies.of(condition, SegmentDefinitions.NONE)));
    boolean inMemory =
        new InMemoryEvaluator(SegmentDefinitions.NONE, ZoneId.of("UTC"))
            .evaluate(condition, people.get(id), now)
            .member();
    assertThat(inMemory).as("in memory as in SQL").isEqualTo(inSql);
    return inSql;
  }

  private static List<String> counters(String profileId) {
    return rows(
        "select profile_id, event, total, first_at, last_at from profile_behaviour where profile_id = ?"
            + " order by event",
        profileId);
  }

  private static List<String> recounted(List<String> profileIds) {
    List<String> all = new ArrayList<>();
    for (String id : profileIds) {
      all.addAll(rows(RECOUNT + " group by 1, 2 order by 2", id));
    }
    return all;
  }

  private static List<String> days(String profileId) {
    return KAIROS
        .server()
        .server()
        .database()
        .read(
            c -> {
              List<String> rows = new ArrayList<>();
              try (var ps =
                  c.prepareStatement(
                      "select event, day, count from profile_behaviour_days where profile_id = ?::uuid order by 1, 2")) {
                ps.setString(1, profileId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
                  }
                }
              }
              return rows;
            });
  }

  private static List<String> rows(String sql, String profileId) {
    return KAIROS
        .server()
        .server()
        .database()
        .read(
            c -> {
              List<String> rows = new ArrayList<>();
              try (var ps =
                  c.prepareStatement(sql.replace("profile_id = ?", "profile_id = ?::uuid"))) {
                ps.setString(1, profileId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    rows.add(
                        rs.getString(2)
                            + " "
                            + rs.getLong(3)
                            + " "
                            + rs.getObject(4, java.time.OffsetDateTime.class).toInstant()
                            + " "
                            + rs.getObject(5, java.time.OffsetDateTime.class).toInstant());
                  }
                }
              }
              return rows;
            });
  }
}
