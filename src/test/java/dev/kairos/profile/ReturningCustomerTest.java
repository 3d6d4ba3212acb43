package dev.kairos.profile;

import static dev.kairos.profile.DeletedPersonTest.suppression;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A deleted person who signs up again is messaged only after an explicit new opt-in through the
 * API, recorded with its source; a tracking event alone never lifts the suppression.
 */
class ReturningCustomerTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T08:00:00Z"));

  @Test
  void a_returning_customer_is_messaged_again_only_after_an_explicit_opt_in_with_its_source() {
    try (TestServer server = TestServer.start(clock)) {
      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"back-1\",\"traits\":{\"email\":\"back@example.com\",\"first_name\":\"Bea\"}}");
      server.trackOk(
          "/v1/track",
          "{\"userId\":\"back-1\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-1\",\"revenue\":20}}");
      server.awaitApplied();
      String id = server.profile("email:back@example.com").path("id").asText();
      assertThat(server.admin("DELETE", "/api/profiles/" + id).status()).isEqualTo(200);

      // signing up again through the shop's tracking alone lifts nothing
      server.trackOk(
          "/v1/identify",
          "{\"anonymousId\":\"back-new\",\"traits\":{\"email\":\"back@example.com\",\"newsletter\":true}}");
      server.awaitApplied();
      assertThat(suppression(server, "email:back@example.com").path("status").asText())
          .isEqualTo("active");
      assertThat(server.get("/api/profiles?identifier=email:back@example.com").status())
          .isEqualTo(404);

      TestServer.Response noSource =
          delete(server, "/api/suppressions/email:back@example.com", "{}");
      assertThat(noSource.status()).isEqualTo(400);
      assertThat(noSource.body().path("field").asText()).isEqualTo("source");
      assertThat(
              delete(
                      server,
                      "/api/suppressions/email:back@example.com?force=1",
                      "{\"source\":\"x\"}")
                  .status())
          .isEqualTo(400);
      // a real clock has nanoseconds; the database keeps microseconds
      clock.set(Instant.parse("2026-06-02T09:30:00.123456789Z"));
      TestServer.Response lifted =
          delete(
              server,
              "/api/suppressions/email:BACK@example.com",
              "{\"source\":\"double opt-in, signup form 2026-06-02\"}");
      assertThat(lifted.status()).as(lifted.text()).isEqualTo(200);
      assertThat(lifted.body().path("identifier").asText()).isEqualTo("email:back@example.com");
      assertThat(
              delete(server, "/api/suppressions/email:back@example.com", "{\"source\":\"x\"}")
                  .status())
          .as("no longer suppressed")
          .isEqualTo(404);
      JsonNode status = suppression(server, "email:back@example.com");
      assertThat(status.path("status").asText()).isEqualTo("lifted");
      assertThat(status.path("lift_source").asText())
          .isEqualTo("double opt-in, signup form 2026-06-02");
      assertThat(status.path("suppressed_at").asText())
          .as("the lookup after a lift says when the suppression began, as the lift's answer did")
          .isNotBlank()
          .isEqualTo(lifted.body().path("suppressed_at").asText());
      assertThat(status.path("lifted_at").asText())
          .as("the lift's answer and the lookup say the same time")
          .isEqualTo(lifted.body().path("lifted_at").asText());

      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"back-2\",\"traits\":{\"email\":\"back@example.com\",\"first_name\":\"Bea\"}}");
      JsonNode fresh = server.profile("email:back@example.com");
      assertThat(fresh.path("id").asText()).isNotEqualTo(id);
      assertThat(fresh.path("orders_count").asInt()).as("nothing of the old profile").isZero();
      assertThat(fresh.path("traits").path("newsletter").isMissingNode())
          .as("the event sent before the opt-in stays scrubbed")
          .isTrue();
      assertThat(fresh.path("suppressed").asBoolean()).isFalse();
      assertThat(suppression(server, "userId:back-1").path("suppressed").asBoolean())
          .as("each identifier is lifted on its own")
          .isTrue();
      assertThat(server.get("/api/suppressions/bad").status()).isEqualTo(400);
      assertThat(
              server
                  .get("/api/suppressions/email:never@example.com")
                  .body()
                  .path("status")
                  .asText())
          .isEqualTo("none");
    }
  }

  private static TestServer.Response delete(TestServer server, String path, String body) {
    try {
      var request =
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + path))
              .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
              .header("Content-Type", "application/json")
              .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(body))
              .build();
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = Json.MAPPER.readTree(response.body());
      } catch (java.io.IOException notJson) {
        // leave null
      }
      return new TestServer.Response(response.statusCode(), json, response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
