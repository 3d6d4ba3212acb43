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
  void a_retried_event_of_a_deleted_person_that_fails_again_keeps_its_error_withheld() {
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
      long seq =
          server.get("/api/events/failures").body().path("failures").get(0).path("seq").asLong();

      TestServer.Response retried = server.admin("POST", "/api/events/failures/" + seq + "/retry");

      assertThat(retried.status()).as(retried.text()).isEqualTo(200);
      assertThat(retried.text()).doesNotContain("PSQLException").doesNotContain("R-1");
      JsonNode failures = server.get("/api/events/failures").body().path("failures");
      assertThat(failures).hasSize(1);
      assertThat(failures.get(0).path("error").asText())
          .contains("error withheld")
          .doesNotContain("PSQLException");
    }
  }
}
