package dev.kairos.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Templates checked on save (line and column) and previewed for a chosen person over HTTP. */
class TemplatePreviewTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, Map.of("KAIROS_JOURNEYS_WORKER", "off"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_template_that_does_not_parse_is_refused_naming_the_field_line_and_column() {
    TestServer.Response r =
        server.admin(
            "POST",
            "/api/templates",
            "{\"key\": \"broken\", \"subject\": \"ok\", \"html\": \"<p>Hi</p>\\n{% if x %}\\n  {{ a \"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("field").asText()).isEqualTo("html");
    assertThat(r.body().get("message").asText()).contains("line 3, column 8");
    assertThat(server.admin("GET", "/api/templates/broken").status()).isEqualTo(404);
  }

  @Test
  void a_preview_renders_the_template_for_the_person_in_their_locale() {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"zoe\", \"traits\": {\"first_name\": \"Zoé\", \"locale\": \"fr-FR\","
            + " \"email\": \"zoe@example.com\"}}");
    server.trackOk(
        "/v1/track",
        "{\"userId\": \"zoe\", \"event\": \"Order Completed\", \"properties\": {\"order_id\": \"o-1\","
            + " \"revenue\": 1234.5, \"currency\": \"EUR\", \"products\": [{\"product_id\": \"mug\","
            + " \"name\": \"Mug\", \"price\": 9.5, \"quantity\": 2,"
            + " \"url\": \"https://shop.example/mug\", \"image_url\": \"https://cdn.example/mug.jpg\"}]}}");
    server.awaitApplied();
    assertThat(
            server
                .admin(
                    "POST",
                    "/api/templates",
                    """
                    {"key": "receipt", "subject": "{{ profile.traits.first_name }}, merci",
                     "html": "<p>{{ last_order.revenue | money }} {% for l in last_order.lines %}{{ l.name }} {{ l.url }}{% endfor %} <a href=\\"{{ preferences_url }}\\">prefs</a> {% for p in recommendations.for_you %}x{% endfor %}</p>"}""")
                .status())
        .isEqualTo(201);
    String id = server.profile("userId:zoe").get("id").asText();

    TestServer.Response r =
        server.admin("POST", "/api/templates/receipt/preview", "{\"profile_id\": \"" + id + "\"}");

    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode preview = r.body();
    assertThat(preview.get("subject").asText()).isEqualTo("Zoé, merci");
    assertThat(preview.get("html").asText().replace('\u202f', ' ').replace('\u00a0', ' '))
        .startsWith(
            "<p>1 234,50 € Mug https://shop.example/mug <a href=\""
                + server.baseUrl()
                + "/preferences/");
    assertThat(preview.get("html").asText()).doesNotContain("Liquid").endsWith("</p>");
    assertThat(server.get("/api/messages?profile_id=" + id).body().get("messages")).isEmpty();
  }

  @Test
  void a_preview_names_what_is_wrong() {
    assertThat(
            server
                .admin(
                    "POST",
                    "/api/templates/none/preview",
                    "{\"profile_id\": \"00000000-0000-0000-0000-000000000001\"}")
                .status())
        .isEqualTo(404);
    TestServer.Response bad = server.admin("POST", "/api/templates/none/preview", "{}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("field").asText()).isEqualTo("profile_id");
  }
}
