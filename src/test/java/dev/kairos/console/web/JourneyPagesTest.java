package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.Await;
import dev.kairos.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journey pages save, publish, pause, export and import journeys through the checks and store
 * of the management API, and show what the runs did on each step.
 */
class JourneyPagesTest {
  static final String PASSWORD = "correct horse battery";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Clock.systemUTC());
    var accounts = server.server().modules().console().accounts();
    accounts.create("marketer@example.com", "marketer", PASSWORD);
    accounts.create("analyst@example.com", "analyst", PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  ConsoleClient as(String email) {
    ConsoleClient client = new ConsoleClient(server.baseUrl());
    client.signIn(email, PASSWORD);
    return client;
  }

  static String canvas(String key, String duration) {
    return "{\"editing\": null, \"document\": {\"key\": \""
        + key
        + "\", \"name\": \"Canvas "
        + key
        + "\", \"trigger\": {\"event\": \"Canvas "
        + key
        + "\"}, \"start\": \"wait\", \"steps\": {\"wait\": {\"type\": \"delay\", \"duration\": \""
        + duration
        + "\", \"next\": \"exit\"}}}}";
  }

  @Test
  void an_invalid_canvas_is_answered_with_its_problems_at_their_steps_and_saves_nothing()
      throws Exception {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/journeys/new");

    HttpResponse<String> refused = marketer.postJson("/journeys/canvas", canvas("broken", "soon"));

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode problems = Json.MAPPER.readTree(refused.body()).path("problems");
    assertThat(problems.get(0).path("field").asText()).isEqualTo("steps.wait.duration");
    assertThat(problems.get(0).path("message").asText()).contains("ISO 8601");
    assertThat(server.get("/api/journeys/broken").status()).isEqualTo(404);
  }

  @Test
  void a_saved_canvas_is_a_draft_that_publish_pause_and_resume_change_as_the_api_does() {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/journeys/new");

    HttpResponse<String> saved = marketer.postJson("/journeys/canvas", canvas("lifecycle", "P1D"));

    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(saved.body()).contains("\"url\":\"/journeys/lifecycle?done=saved\"");
    assertThat(server.get("/api/journeys/lifecycle").body().path("status").asText())
        .isEqualTo("draft");
    marketer.get("/journeys/lifecycle");
    assertThat(marketer.post("/journeys/lifecycle/publish").statusCode()).isEqualTo(303);
    assertThat(server.get("/api/journeys/lifecycle").body().path("status").asText())
        .isEqualTo("active");
    marketer.post("/journeys/lifecycle/pause");
    assertThat(server.get("/api/journeys/lifecycle").body().path("status").asText())
        .isEqualTo("paused");
    marketer.post("/journeys/lifecycle/resume");
    assertThat(server.get("/api/journeys/lifecycle").body().path("status").asText())
        .isEqualTo("active");
    assertThat(marketer.get("/journeys/lifecycle").body()).contains("Published v1");
    assertThat(marketer.get("/journeys/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void the_canvas_shows_the_people_waiting_at_and_gone_through_each_step() throws Exception {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/journeys/new");
    marketer.postJson("/journeys/canvas", canvas("counted", "P1D"));
    marketer.get("/journeys/counted");
    marketer.post("/journeys/counted/publish");

    server.trackOk("/v1/track", "{\"userId\":\"counted-1\",\"event\":\"Canvas counted\"}");

    Await.until(
        () -> counts(marketer).path("steps").path("wait").path("passed").asLong() == 1,
        "the run's delay step counted on the canvas");
    JsonNode counts = counts(marketer);
    assertThat(counts.path("entered").asLong()).isEqualTo(1);
    assertThat(counts.path("steps").path("wait").path("now").asLong()).isEqualTo(1);
    String person = server.profile("userId:counted-1").path("id").asText();
    assertThat(marketer.get("/customers/" + person + "/journeys").body())
        .contains("href=\"/journeys/counted\"")
        .contains("delay");
  }

  static JsonNode counts(ConsoleClient client) {
    try {
      return Json.MAPPER.readTree(
          ConsoleClient.attribute(client.get("/journeys/counted").body(), "data-counts"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void the_gallery_lists_the_built_in_journeys_and_copies_one_as_a_new_draft() {
    ConsoleClient marketer = as("marketer@example.com");
    String list = marketer.get("/journeys").body();
    assertThat(list).contains("href=\"/journeys/abandoned-cart\"").contains("event Product Added");

    HttpResponse<String> copied = marketer.post("/journeys/gallery/abandoned-cart/copy");

    assertThat(copied.headers().firstValue("Location"))
        .contains("/journeys/abandoned-cart-copy?done=saved");
    JsonNode copy = server.get("/api/journeys/abandoned-cart-copy").body();
    assertThat(copy.path("status").asText()).isEqualTo("draft");
    assertThat(copy.path("definition").path("steps").size()).isEqualTo(7);
    assertThat(server.get("/api/journeys/abandoned-cart").body().path("latest_version").asInt())
        .isEqualTo(1);
  }

  @Test
  void an_exported_file_imported_again_is_a_new_version_and_a_bad_file_changes_nothing()
      throws Exception {
    ConsoleClient marketer = as("marketer@example.com");
    HttpResponse<String> file = marketer.get("/journeys/welcome-series/export");
    assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
        .contains("welcome-series.journey.json");
    var document =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(file.body());
    document.put("name", "Welcome, imported");
    marketer.get("/journeys");

    HttpResponse<String> imported =
        marketer.post("/journeys/import", "document", Json.MAPPER.writeValueAsString(document));
    HttpResponse<String> bad = marketer.post("/journeys/import", "document", "{\"key\": ");

    assertThat(imported.headers().firstValue("Location"))
        .contains("/journeys/welcome-series?done=saved");
    JsonNode after = server.get("/api/journeys/welcome-series").body();
    assertThat(after.path("latest_version").asInt()).isEqualTo(2);
    assertThat(after.path("definition").path("name").asText()).isEqualTo("Welcome, imported");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("the file is not a journey");
    assertThat(server.get("/api/journeys/welcome-series").body().path("latest_version").asInt())
        .isEqualTo(2);
  }

  @Test
  void an_analyst_sees_a_journey_but_saving_and_publishing_are_refused() {
    ConsoleClient analyst = as("analyst@example.com");
    assertThat(analyst.get("/journeys/birthday").body()).contains("may look at journeys");

    HttpResponse<String> save = analyst.postJson("/journeys/canvas", canvas("analysts", "P1D"));
    HttpResponse<String> publish = analyst.post("/journeys/birthday/publish");

    assertThat(save.statusCode()).isEqualTo(403);
    assertThat(publish.statusCode()).isEqualTo(403);
    assertThat(server.get("/api/journeys/analysts").status()).isEqualTo(404);
    assertThat(server.get("/api/journeys/birthday").body().path("status").asText())
        .isEqualTo("draft");
  }
}
