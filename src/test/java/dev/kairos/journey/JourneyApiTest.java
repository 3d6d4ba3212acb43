package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JourneyApiTest {
  static TestServer server;
  static final String WELCOME =
      """
      {"key": "welcome", "name": "Welcome", "trigger": {"event": "Signed Up"}, "start": "hello",
       "steps": {"hello": {"type": "send", "channel": "email", "template": "welcome", "next": "exit"}}}""";

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            new SettableClock(Instant.parse("2026-03-02T12:00:00Z")),
            Map.of("KAIROS_JOURNEYS_WORKER", "off"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void an_invalid_journey_is_refused_with_every_problem_naming_its_step_and_field_and_not_saved() {
    TestServer.Response r =
        server.admin(
            "POST",
            "/api/journeys",
            """
        {"key": "broken", "trigger": {"event": "X"}, "start": "a",
         "steps": {"a": {"type": "wait_for_event", "event": "Order Completed", "timeout": "soon",
                         "on_event": "exit", "on_timeout": "b"}}}""");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("field").asText()).isEqualTo("steps.a.timeout");
    List<String> fields = new ArrayList<>();
    r.body().get("problems").forEach(p -> fields.add(p.get("field").asText()));
    assertThat(fields).containsExactly("steps.a.timeout", "steps.a");
    assertThat(server.get("/api/journeys/broken").status()).isEqualTo(404);
  }

  @Test
  void drafts_become_versions_publishing_activates_the_newest_and_export_imports_back() {
    assertThat(server.admin("POST", "/api/journeys", WELCOME).status()).isEqualTo(201);
    assertThat(server.admin("POST", "/api/journeys", WELCOME).status()).isEqualTo(409);
    JsonNode published = server.admin("POST", "/api/journeys/welcome/publish", "").body();
    assertThat(published.get("version").asInt()).isEqualTo(1);
    assertThat(
            server
                .admin("PUT", "/api/journeys/welcome", WELCOME.replace("Welcome", "Hello"))
                .body()
                .get("version")
                .asInt())
        .isEqualTo(2);
    JsonNode view = server.get("/api/journeys/welcome").body();
    assertThat(view.get("status").asText()).isEqualTo("active");
    assertThat(view.get("published_version").asInt()).isEqualTo(1);
    assertThat(view.get("versions")).hasSize(2);
    assertThat(view.get("definition").get("name").asText()).isEqualTo("Hello");

    TestServer.Response file = server.get("/api/journeys/welcome/export?version=1");
    assertThat(file.header("Content-Disposition")).contains("welcome.journey.json");
    assertThat(file.body().get("name").asText()).isEqualTo("Welcome");
    JsonNode imported = server.admin("POST", "/api/journeys/import", file.text()).body();
    assertThat(imported.get("version").asInt()).isEqualTo(3);
  }

  @Test
  void the_built_in_journeys_are_installed_disabled() {
    JsonNode cart = server.get("/api/journeys/abandoned-cart").body();
    assertThat(cart.get("status").asText()).isEqualTo("draft");
    assertThat(cart.get("published_version").isNull()).isTrue();
    assertThat(server.get("/api/templates/cart-coupon").status()).isEqualTo(200);
  }

  @Test
  void unknown_query_parameters_and_bad_paging_are_refused_by_name() {
    TestServer.Response r = server.get("/api/journeys?colour=red");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("field").asText()).isEqualTo("colour");
    r = server.get("/api/messages?limit=0");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("field").asText()).isEqualTo("limit");
    r = server.get("/api/messages?status=lost");
    assertThat(r.body().get("field").asText()).isEqualTo("status");
  }

  @Test
  void a_template_that_is_not_liquid_is_refused_naming_the_part() {
    TestServer.Response r =
        server.admin(
            "POST",
            "/api/templates",
            "{\"key\": \"bad\", \"subject\": \"ok\", \"html\": \"{% if %}\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("field").asText()).isEqualTo("html");
    assertThat(server.get("/api/templates/bad").status()).isEqualTo(404);
    assertThat(
            server
                .admin(
                    "POST",
                    "/api/templates",
                    "{\"key\": \"good\", \"channel\": \"sms\", \"body\": \"Hi {{ profile.traits.name }}\"}")
                .status())
        .isEqualTo(201);
    assertThat(server.get("/api/templates/good").body().get("body").asText())
        .isEqualTo("Hi {{ profile.traits.name }}");
    assertThat(server.admin("DELETE", "/api/templates/good").status()).isEqualTo(204);
  }
}
