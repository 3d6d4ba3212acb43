package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retrying a deleted person's failed event keeps its error withheld, as the first failure did. */
class DeletedPersonRetryTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T08:00:00Z"));

  @Test
  void
      a_failed_event_of_a_deleted_person_shows_no_error_text_and_its_retry_applies_nothing_of_theirs() {
    try (TestServer server = TestServer.start(clock)) {
      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"rita-1\",\"traits\":{\"email\":\"rita@example.com\",\"first_name\":\"Rita\"}}");
      server.awaitApplied();
      String id = server.profile("userId:rita-1").path("id").asText();
      assertThat(server.admin("DELETE", "/api/profiles/" + id).status()).isEqualTo(200);
      // an event the database refuses to apply (here: a constraint set up for the test)
      server.execute(
          "alter table orders add constraint order_r1_refused check (order_id <> 'R-1')");
      server.trackOk(
          "/v1/track",
          "{\"anonymousId\":\"rita-tablet\",\"event\":\"Order Completed\",\"context\":{\"traits\":"
              + "{\"email\":\"rita@example.com\",\"first_name\":\"Rita\"}},"
              + "\"properties\":{\"order_id\":\"R-1\",\"revenue\":5}}");
      server.awaitApplied();
      JsonNode failure = server.get("/api/events/failures").body().path("failures").get(0);
      assertThat(failure.path("error").asText())
          .contains("error withheld")
          .doesNotContain("PSQLException");
      long seq = failure.path("seq").asLong();

      TestServer.Response retried = server.admin("POST", "/api/events/failures/" + seq + "/retry");

      assertThat(retried.status()).as(retried.text()).isEqualTo(200);
      assertThat(retried.text())
          .doesNotContain("PSQLException")
          .doesNotContain("R-1")
          .doesNotContain("rita");
      // the failure was kept as a stub with its error withheld, so the retry applies nothing of
      // Rita's and the failure is gone
      assertThat(server.get("/api/events/failures").body().path("failures")).isEmpty();
      assertThat(server.count("select count(*) from orders where order_id = 'R-1'")).isZero();
    }
  }
}
