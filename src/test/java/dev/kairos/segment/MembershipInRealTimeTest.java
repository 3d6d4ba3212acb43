package dev.kairos.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.Await;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memberships follow events as they are applied: the tracking API's 2xx, then the person in the
 * segment through the API, a Segment Entered event on their timeline and a row in the feed.
 */
class MembershipInRealTimeTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
  static TestServer server;
  static SegmentHttp http;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, Map.of("KAIROS_SEGMENTS_BUILT_IN", "on"));
    http = new SegmentHttp(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void qualifying_events_sent_over_http_put_the_person_in_the_segment_with_its_reasons()
      throws InterruptedException {
    http.create(
        "{\"key\":\"keen_viewers\",\"name\":\"Keen viewers\",\"condition\":{\"performed\":"
            + "\"Product Viewed\",\"count\":{\"op\":\"gte\",\"value\":3},\"within_days\":30}}");
    http.awaitRecomputed("keen_viewers");
    for (int i = 0; i < 2; i++) {
      view("keen-1", "p-" + i);
    }
    server.awaitApplied();
    UUID id = http.profileId("userId:keen-1");
    assertThat(http.isMember(id, "keen_viewers")).as("two views are not three").isFalse();

    view("keen-1", "p-3");
    http.awaitMember(id, "keen_viewers"); // the latency figures are the benchmark's, not a test's

    JsonNode keen = null;
    for (JsonNode s : server.get("/api/profiles/" + id + "/segments").body().path("segments")) {
      keen = s.path("key").asText().equals("keen_viewers") ? s : keen;
    }
    assertThat(keen).as("keen_viewers among the profile's segments").isNotNull();
    assertThat(keen.path("name").asText()).isEqualTo("Keen viewers");
    assertThat(keen.path("entered_at").asText()).isEqualTo(CLOCK.instant().toString());
    assertThat(keen.path("reasons").get(0).path("held").asBoolean()).isTrue();
    assertThat(keen.path("reasons").get(0).path("seen").asInt()).isEqualTo(3);
  }

  @Test
  void an_entry_and_an_exit_become_segment_events_on_the_timeline_and_rows_of_the_feed()
      throws InterruptedException {
    http.create(
        "{\"key\":\"has_city\",\"name\":\"Has a city\",\"condition\":"
            + "{\"trait\":\"city\",\"op\":\"eq\",\"value\":\"York\"}}");
    http.awaitRecomputed("has_city");
    server.trackOk("/v1/identify", "{\"userId\":\"city-1\",\"traits\":{\"city\":\"York\"}}");
    server.awaitApplied();
    UUID id = http.profileId("userId:city-1");
    http.awaitMember(id, "has_city");
    server.trackOk("/v1/identify", "{\"userId\":\"city-1\",\"traits\":{\"city\":\"Leeds\"}}");
    http.awaitNotMember(id, "has_city");

    Await.until(() -> segmentEvents(id).size() == 2, "Segment Entered and Exited on the timeline");
    assertThat(segmentEvents(id)).containsExactlyInAnyOrder("Segment Entered", "Segment Exited");
    JsonNode entered = timeline(id, "Segment Entered");
    assertThat(entered.path("properties").path("segment_key").asText()).isEqualTo("has_city");
    assertThat(entered.path("properties").path("segment_name").asText()).isEqualTo("Has a city");

    List<String> feed = new ArrayList<>();
    server
        .server()
        .database()
        .read(
            c -> {
              try (var rs =
                  c.createStatement()
                      .executeQuery(
                          "select change from segment_changes where segment_key = 'has_city'"
                              + " and profile_id = '"
                              + id
                              + "' order by seq")) {
                while (rs.next()) {
                  feed.add(rs.getString(1));
                }
              }
              return null;
            });
    assertThat(feed).containsExactly("entered", "exited");
  }

  @Test
  void members_are_paged_by_cursor_and_exported_as_csv() throws InterruptedException {
    http.create(
        "{\"key\":\"paged\",\"name\":\"Paged\",\"condition\":"
            + "{\"trait\":\"plan\",\"op\":\"eq\",\"value\":\"gold\"}}");
    http.awaitRecomputed("paged");
    for (int i = 0; i < 5; i++) {
      server.trackOk(
          "/v1/identify", "{\"userId\":\"gold-" + i + "\",\"traits\":{\"plan\":\"gold\"}}");
    }
    server.awaitApplied();
    Await.until(() -> members("/api/segments/paged/members?limit=10").size() == 5, "5 members");

    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      JsonNode page =
          server
              .get("/api/segments/paged/members?limit=2" + (next == null ? "" : "&after=" + next))
              .body();
      page.path("members").forEach(m -> seen.add(m.path("profile_id").asText()));
      next = page.path("next").isNull() ? null : page.path("next").asText();
    } while (next != null);
    assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();

    TestServer.Response csv = server.get("/api/segments/paged/members.csv");
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    String[] lines = csv.text().split("\n");
    assertThat(lines[0]).isEqualTo("profile_id,entered_at");
    assertThat(lines).hasSize(6);
    assertThat(server.get("/api/segments/paged/members?limit=0").status()).isEqualTo(400);
  }

  @Test
  void a_new_anonymous_visitor_enters_anonymous_visitors_and_leaves_on_giving_an_email()
      throws InterruptedException {
    server.trackOk("/v1/page", "{\"anonymousId\":\"anon-77\",\"name\":\"Home\"}");
    server.awaitApplied();
    UUID id = http.profileId("anonymousId:anon-77");
    http.awaitMember(id, "anonymous_visitors");
    server.trackOk(
        "/v1/identify",
        "{\"anonymousId\":\"anon-77\",\"traits\":{\"email\":\"anon77@example.com\"}}");
    http.awaitNotMember(id, "anonymous_visitors");
  }

  @Test
  void a_deleted_member_leaves_no_membership_and_no_row_of_the_feed() throws InterruptedException {
    http.create(
        "{\"key\":\"in_oban\",\"name\":\"In Oban\",\"condition\":"
            + "{\"trait\":\"city\",\"op\":\"eq\",\"value\":\"Oban\"}}");
    http.awaitRecomputed("in_oban");
    server.trackOk("/v1/identify", "{\"userId\":\"oban-1\",\"traits\":{\"city\":\"Oban\"}}");
    server.awaitApplied();
    UUID id = http.profileId("userId:oban-1");
    http.awaitMember(id, "in_oban");
    // the entry's own Segment Entered event is applied and evaluated before the delete: this test
    // is about what a delete leaves, not a delete racing an evaluation still in flight
    Await.until(
        () -> findOnTimeline(id, "Segment Entered") != null, "Segment Entered on the timeline");
    server.awaitApplied();
    assertThat(members("/api/segments/in_oban/members")).contains(id.toString());

    assertThat(server.admin("DELETE", "/api/profiles/" + id).status()).isEqualTo(200);

    for (String table : List.of("segment_memberships", "segment_changes", "segment_deadlines")) {
      assertThat(server.count("select count(*) from " + table + " where profile_id = '" + id + "'"))
          .as(table)
          .isZero();
    }
    assertThat(members("/api/segments/in_oban/members")).doesNotContain(id.toString());
  }

  private static void view(String userId, String product) {
    server.trackOk(
        "/v1/track",
        "{\"userId\":\""
            + userId
            + "\",\"event\":\"Product Viewed\",\"timestamp\":\""
            + CLOCK.instant()
            + "\",\"properties\":{\"product_id\":\""
            + product
            + "\"}}");
  }

  private static List<String> members(String path) {
    List<String> ids = new ArrayList<>();
    server.get(path).body().path("members").forEach(m -> ids.add(m.path("profile_id").asText()));
    return ids;
  }

  private static List<String> segmentEvents(UUID id) {
    List<String> names = new ArrayList<>();
    for (JsonNode event : server.get("/api/profiles/" + id + "/events").body()) {
      String name = event.path("event").asText();
      if (name.startsWith("Segment ")
          && event.path("properties").path("segment_key").asText().equals("has_city")) {
        names.add(name);
      }
    }
    return names;
  }

  private static JsonNode timeline(UUID id, String name) {
    JsonNode event = findOnTimeline(id, name);
    if (event == null) {
      throw new AssertionError("no " + name);
    }
    return event;
  }

  private static JsonNode findOnTimeline(UUID id, String name) {
    for (JsonNode event : server.get("/api/profiles/" + id + "/events").body()) {
      if (event.path("event").asText().equals(name)) {
        return event;
      }
    }
    return null;
  }
}
