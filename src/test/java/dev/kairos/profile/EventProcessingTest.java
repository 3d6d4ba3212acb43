package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestDatabase;
import dev.kairos.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events are acknowledged once they are in the log and applied to profiles afterwards, in log
 * order; a bad event cannot stop the others, and a passing database failure is retried.
 */
class EventProcessingTest {
  private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");

  @Test
  void an_event_is_acknowledged_before_it_is_applied_and_reads_say_when_they_are_behind()
      throws Exception {
    try (TestServer server = TestServer.start(new SettableClock(NOW));
        Connection blocker =
            DriverManager.getConnection(
                server.databaseUrl(), "postgres", TestDatabase.password())) {
      blocker.setAutoCommit(false);
      // hold the processor's lock: nothing can be applied
      blocker.createStatement().execute("select * from event_cursor for update");

      TestServer.Response response =
          server.track("/v1/identify", "{\"userId\":\"held\",\"traits\":{\"plan\":\"pro\"}}");
      assertThat(response.status()).as("acknowledged while it cannot be applied").isEqualTo(200);

      TestServer.Response read = server.get("/api/profiles?identifier=userId:held");
      assertThat(read.status()).isEqualTo(404);
      assertThat(read.header("Kairos-Processing-Lag")).isEqualTo("1");

      blocker.rollback();
      assertThat(server.profile("userId:held").path("traits").path("plan").asText())
          .isEqualTo("pro");
    }
  }

  @Test
  void calls_acknowledged_close_together_are_applied_as_one_group_as_soon_as_someone_reads() {
    // a linger far longer than the test: without a reader, nothing would be applied within it
    try (TestServer server =
        TestServer.start(new SettableClock(NOW), Map.of("KAIROS_APPLY_LINGER_MS", "10000"))) {
      for (int i = 0; i < 3; i++) {
        server.trackOk("/v1/track", "{\"userId\":\"browsing\",\"event\":\"Step " + i + "\"}");
      }
      // a read waits for what was acknowledged before it, so the processor stops waiting for more
      JsonNode profile = server.profile("userId:browsing");
      assertThat(server.get("/api/profiles/" + profile.path("id").asText() + "/events").body())
          .hasSize(3);
      assertThat(
              server.count(
                  "select count(*) from profile_timeline where profile_id = '"
                      + profile.path("id").asText()
                      + "'"))
          .as("the three calls applied in one group: one timeline row")
          .isEqualTo(1);
    }
  }

  @Test
  void a_linger_that_is_not_a_number_of_milliseconds_stops_the_start_naming_the_variable() {
    assertThatThrownBy(
            () -> TestServer.start(new SettableClock(NOW), Map.of("KAIROS_APPLY_LINGER_MS", "2s")))
        .hasMessageContaining("KAIROS_APPLY_LINGER_MS");
    assertThatThrownBy(
            () ->
                TestServer.start(new SettableClock(NOW), Map.of("KAIROS_APPLY_LINGER_MS", "60000")))
        .hasMessageContaining("KAIROS_APPLY_LINGER_MS must be between 0 and 10000");
  }

  @Test
  void an_event_that_cannot_be_applied_is_recorded_and_passed_over() {
    try (TestServer server = TestServer.start(new SettableClock(NOW))) {
      refusePoisonedProfiles(server);

      server.trackOk(
          "/v1/batch",
          "{\"batch\":["
              + "{\"type\":\"identify\",\"userId\":\"before\",\"messageId\":\"m-before\"},"
              + "{\"type\":\"identify\",\"userId\":\"bad\",\"messageId\":\"m-bad\","
              + "\"traits\":{\"poison\":\"yes\"}},"
              + "{\"type\":\"identify\",\"userId\":\"after\",\"messageId\":\"m-after\"}]}");

      assertThat(server.profile("userId:before").path("id").isTextual()).isTrue();
      assertThat(server.profile("userId:after").path("id").isTextual()).isTrue();
      assertThat(server.get("/api/profiles?identifier=userId:bad").status()).isEqualTo(404);
      assertThat(
              server.row(
                  "select e.message_id, f.error from event_failures f"
                      + " join events e on e.seq = f.seq"))
          .satisfies(
              row -> {
                assertThat(row.get(0)).isEqualTo("m-bad");
                assertThat(row.get(1)).contains("poisoned profile");
              });
      assertThat(server.count("select count(*) from event_failures")).isEqualTo(1);
      JsonNode failures = server.get("/api/events/failures").body().path("failures");
      assertThat(failures).hasSize(1);
      assertThat(failures.get(0).path("event").path("messageId").asText()).isEqualTo("m-bad");
      assertThat(failures.get(0).path("error").asText()).contains("poisoned profile");
      assertThat(server.get("/metrics").text()).contains("kairos_events_apply_failed_total 1.0");

      // retried before the cause is fixed: it fails again and stays, with the new error
      TestServer.Response early = server.admin("POST", "/api/events/failures/retry");
      assertThat(early.status()).isEqualTo(200);
      assertThat(early.body().path("applied")).isEmpty();
      long seq = early.body().path("still_failing").get(0).path("seq").asLong();
      assertThat(early.body().path("still_failing").get(0).path("error").asText())
          .contains("poisoned profile");
      assertThat(server.count("select count(*) from event_failures")).isEqualTo(1);

      // the cause fixed, the event is applied and leaves the failures
      server.execute("drop trigger refuse_poison on profiles");
      TestServer.Response retried = server.admin("POST", "/api/events/failures/" + seq + "/retry");
      assertThat(retried.status()).as(retried.text()).isEqualTo(200);
      assertThat(retried.body().path("applied").get(0).asLong()).isEqualTo(seq);
      assertThat(server.profile("userId:bad").path("traits").path("poison").asText())
          .isEqualTo("yes");
      assertThat(server.get("/api/events/failures").body().path("failures")).isEmpty();
      assertThat(server.admin("POST", "/api/events/failures/" + seq + "/retry").status())
          .isEqualTo(404);
      assertThat(server.admin("POST", "/api/events/failures/x/retry").body().path("field").asText())
          .isEqualTo("seq");
      assertThat(server.post("/api/events/failures/retry", "", null).status()).isEqualTo(401);
    }
  }

  @Test
  void deleting_a_person_deletes_their_failed_events_too() {
    try (TestServer server = TestServer.start(new SettableClock(NOW))) {
      server.trackOk(
          "/v1/identify", "{\"userId\":\"gone\",\"traits\":{\"email\":\"Gone@Example.com\"}}");
      server.trackOk("/v1/identify", "{\"userId\":\"stays\"}");
      String id = server.profile("userId:gone").path("id").asText();
      refusePoisonedProfiles(server);
      // found by the email alone (normalised like the stored identifier), and by the userId
      server.trackOk(
          "/v1/identify",
          "{\"anonymousId\":\"kiosk\",\"messageId\":\"m-their-1\","
              + "\"traits\":{\"email\":\"GONE@example.com\",\"poison\":\"yes\"}}");
      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"gone\",\"messageId\":\"m-their-2\",\"traits\":{\"poison\":\"yes\"}}");
      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"stays\",\"messageId\":\"m-other\",\"traits\":{\"poison\":\"yes\"}}");
      assertThat(server.count("select count(*) from event_failures")).isEqualTo(3);

      TestServer.Response deleted = server.admin("DELETE", "/api/profiles/" + id);
      assertThat(deleted.status()).isEqualTo(200);
      assertThat(deleted.body().path("events_deleted").asInt()).isEqualTo(3);
      assertThat(
              server.row(
                  "select string_agg(e.message_id, ',') from event_failures f"
                      + " join events e on e.seq = f.seq"))
          .containsExactly("m-other");
      assertThat(
              server.count(
                  "select count(*) from events where message_id in ('m-their-1', 'm-their-2')"))
          .isZero();
    }
  }

  @Test
  void an_event_in_the_log_that_cannot_be_read_is_recorded_and_passed_over() {
    try (TestServer server = TestServer.start(new SettableClock(NOW))) {
      // written by something other than Kairos (an older version, a hand-made fix): unreadable
      server.execute(
          "insert into events (message_id, type, event, occurred_at, received_at, payload)"
              + " values ('m-broken', 'track', 'X', now(), now(),"
              + " '{\"type\":\"track\",\"messageId\":\"m-broken\","
              + "\"timestamp\":\"not a time\"}')");

      server.trackOk("/v1/identify", "{\"userId\":\"next\",\"messageId\":\"m-next\"}");

      assertThat(server.profile("userId:next").path("id").isTextual()).isTrue();
      JsonNode failures = server.get("/api/events/failures").body().path("failures");
      assertThat(failures).hasSize(1);
      assertThat(failures.get(0).path("event").path("messageId").asText()).isEqualTo("m-broken");
      assertThat(failures.get(0).path("error").asText()).contains("not a time");
      assertThat(server.count("select applied_seq from event_cursor"))
          .isEqualTo(server.count("select max(seq) from events"));
    }
  }

  @Test
  void events_numbered_with_gaps_are_read_back_from_the_log_and_applied_once() {
    try (TestServer server = TestServer.start(new SettableClock(NOW))) {
      server.execute("alter sequence events_seq_seq increment by 3"); // an operator's doing

      server.trackOk(
          "/v1/batch",
          "{\"batch\":["
              + "{\"type\":\"identify\",\"userId\":\"gap\",\"traits\":{\"plan\":\"pro\"}},"
              + "{\"type\":\"track\",\"userId\":\"gap\",\"event\":\"Order Completed\","
              + "\"properties\":{\"order_id\":\"G-1\",\"revenue\":10}},"
              + "{\"type\":\"track\",\"userId\":\"gap\",\"event\":\"Order Completed\","
              + "\"properties\":{\"order_id\":\"G-2\",\"revenue\":5}}]}");

      JsonNode profile = server.profile("userId:gap");
      assertThat(profile.path("orders_count").asInt()).isEqualTo(2);
      assertThat(profile.path("revenue").decimalValue()).isEqualByComparingTo("15");
      assertThat(server.count("select count(*) from event_profiles")).isEqualTo(3);
      assertThat(
              server.count(
                  "select count(*) from event_profiles l left join events e on e.seq = l.seq"
                      + " where e.seq is null"))
          .as("every link names a stored event")
          .isZero();
    }
  }

  @Test
  void a_passing_database_failure_is_retried_until_the_event_is_applied() {
    try (TestServer server = TestServer.start(new SettableClock(NOW))) {
      server.execute("create sequence refusals");
      server.execute(
          "create function refuse_twice() returns trigger language plpgsql as $$ begin"
              + " if nextval('refusals') <= 2 then"
              + " raise exception 'try again' using errcode = '40001'; end if;"
              + " return new; end $$");
      server.execute(
          "create trigger refuse_twice before insert on profiles"
              + " for each row execute function refuse_twice()");

      server.trackOk("/v1/identify", "{\"userId\":\"patient\",\"messageId\":\"m-patient\"}");

      assertThat(server.profile("userId:patient").path("id").isTextual()).isTrue();
      assertThat(server.count("select count(*) from event_failures")).isZero();
      assertThat(server.count("select last_value from refusals")).isEqualTo(3);
    }
  }

  /** A database that refuses to write a profile with the trait {@code poison: yes}. */
  private static void refusePoisonedProfiles(TestServer server) {
    server.execute(
        "create function refuse_poison() returns trigger language plpgsql as $$ begin"
            + " if new.traits->>'poison' = 'yes' then"
            + " raise exception 'poisoned profile' using errcode = '22023'; end if;"
            + " return new; end $$");
    server.execute(
        "create trigger refuse_poison before insert or update on profiles"
            + " for each row execute function refuse_poison()");
  }
}
