package dev.kairos.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Memberships a clock can change flip at their stored deadline without any new event, on whichever
 * node looks, and after a restart.
 */
class MembershipOnTimeTest {

  @Test
  void an_abandoned_cart_enters_an_hour_after_the_last_change_and_leaves_on_the_order()
      throws InterruptedException {
    SettableClock clock = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
    try (TestServer server = TestServer.start(clock, Map.of("KAIROS_SEGMENTS_BUILT_IN", "on"))) {
      SegmentHttp http = new SegmentHttp(server);
      server.trackOk(
          "/v1/track",
          "{\"userId\":\"cart-1\",\"event\":\"Product Added\",\"timestamp\":\""
              + clock.instant()
              + "\",\"properties\":{\"product_id\":\"mug\",\"price\":9.5,\"quantity\":2}}");
      server.awaitApplied();
      UUID id = http.profileId("userId:cart-1");
      assertThat(http.isMember(id, "abandoned_cart")).isFalse();
      assertThat(
              server.count(
                  "select count(*) from segment_deadlines where segment_key = 'abandoned_cart'"
                      + " and due_at = '2026-05-04T10:00:00Z'"))
          .as("the deadline an hour after the cart changed is stored")
          .isEqualTo(1);

      clock.advance(Duration.ofMinutes(59));
      assertThat(http.isMember(id, "abandoned_cart")).isFalse();
      clock.advance(Duration.ofMinutes(1));
      http.awaitMember(id, "abandoned_cart");

      server.trackOk(
          "/v1/track",
          "{\"userId\":\"cart-1\",\"event\":\"Order Completed\",\"timestamp\":\""
              + clock.instant()
              + "\",\"properties\":{\"order_id\":\"o-1\",\"revenue\":19,"
              + "\"products\":[{\"product_id\":\"mug\",\"price\":9.5,\"quantity\":2}]}}");
      http.awaitNotMember(id, "abandoned_cart");
    }
  }

  @Test
  void a_deadline_stored_before_a_restart_flips_the_membership_on_the_next_node()
      throws InterruptedException {
    SettableClock clock = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
    String database;
    UUID id;
    try (TestServer first = TestServer.start(clock)) {
      SegmentHttp http = new SegmentHttp(first);
      http.create(
          "{\"key\":\"fresh\",\"name\":\"Seen this week\",\"condition\":"
              + "{\"field\":\"last_seen_at\",\"op\":\"within_last_days\",\"value\":7}}");
      http.awaitRecomputed("fresh");
      first.trackOk(
          "/v1/page",
          "{\"userId\":\"fresh-1\",\"name\":\"Home\",\"timestamp\":\"" + clock.instant() + "\"}");
      first.awaitApplied();
      id = http.profileId("userId:fresh-1");
      http.awaitMember(id, "fresh");
      database = first.databaseUrl();
    }
    clock.advance(Duration.ofDays(7));
    try (TestServer second = TestServer.start(clock, Map.of("KAIROS_DATABASE_URL", database))) {
      new SegmentHttp(second).awaitNotMember(id, "fresh");
      assertThat(
              second.count(
                  "select count(*) from segment_changes where segment_key = 'fresh' and"
                      + " cause = 'deadline'"))
          .isEqualTo(1);
    }
  }

  @Test
  void members_who_stay_through_an_edit_are_not_entered_again() throws InterruptedException {
    SettableClock clock = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
    try (TestServer server = TestServer.start(clock)) {
      SegmentHttp http = new SegmentHttp(server);
      http.create(
          "{\"key\":\"spenders\",\"name\":\"Spenders\",\"condition\":"
              + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":10}}");
      for (int i = 1; i <= 3; i++) {
        server.trackOk(
            "/v1/track",
            "{\"userId\":\"s-"
                + i
                + "\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"so-"
                + i
                + "\",\"revenue\":"
                + (i * 10)
                + "}}");
      }
      server.awaitApplied();
      UUID low = http.profileId("userId:s-1");
      UUID high = http.profileId("userId:s-3");
      http.awaitMember(low, "spenders");
      http.awaitMember(high, "spenders");
      String enteredBefore = enteredAt(server, high);
      clock.advance(Duration.ofMinutes(5));

      http.send(
          "PUT",
          "/api/segments/spenders",
          "{\"name\":\"Spenders\",\"condition\":{\"field\":\"revenue\",\"op\":\"gte\",\"value\":15}}");
      http.awaitRecomputed("spenders");

      assertThat(http.isMember(low, "spenders")).isFalse();
      assertThat(enteredAt(server, high)).as("stayed, not re-entered").isEqualTo(enteredBefore);
      assertThat(
              server.count(
                  "select count(*) from segment_changes where segment_key = 'spenders' and"
                      + " change = 'entered' and profile_id = '"
                      + high
                      + "'"))
          .isEqualTo(1);
      assertThat(
              server.get("/api/segments/spenders").body().path("recompute").path("exited").asInt())
          .isEqualTo(1);
    }
  }

  private static String enteredAt(TestServer server, UUID id) {
    for (var s : server.get("/api/profiles/" + id + "/segments").body().path("segments")) {
      if (s.path("key").asText().equals("spenders")) {
        return s.path("entered_at").asText();
      }
    }
    return null;
  }
}
