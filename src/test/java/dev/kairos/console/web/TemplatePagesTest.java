package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The template editor saves through the template store's checks and previews for a customer. */
class TemplatePagesTest {
  static final String PASSWORD = "correct horse battery";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Clock.systemUTC());
    var accounts = server.server().modules().console().accounts();
    accounts.create("marketer@example.com", "marketer", PASSWORD);
    accounts.create("analyst@example.com", "analyst", PASSWORD);
    server.trackOk(
        "/v1/identify",
        "{\"userId\":\"t-ann\",\"traits\":{\"email\":\"ann-t@example.com\",\"first_name\":\"Ann\"}}");
    server.awaitApplied();
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

  @Test
  void a_marketer_saves_an_email_template_that_the_api_then_answers() {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/templates/new?channel=email");

    HttpResponse<String> saved =
        marketer.post(
            "/templates/new",
            "key",
            "welcome-console",
            "channel",
            "email",
            "subject",
            "Hi {{ profile.traits.first_name }}",
            "html",
            "<p>Hello</p>",
            "text",
            "Hello");

    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location"))
        .contains("/templates/welcome-console?done=saved");
    var template = server.get("/api/templates/welcome-console").body();
    assertThat(template.path("subject").asText()).isEqualTo("Hi {{ profile.traits.first_name }}");
    assertThat(template.path("text").asText()).isEqualTo("Hello");
    assertThat(marketer.get("/templates").body()).contains("href=\"/templates/welcome-console\"");
    assertThat(marketer.get("/templates/welcome-console").body()).contains("Hi {{ profile");
    assertThat(marketer.get("/templates/no-such-template").statusCode()).isEqualTo(404);
  }

  @Test
  void the_preview_renders_email_and_sms_for_the_chosen_customer_with_the_email_html_inert() {
    ConsoleClient analyst = as("analyst@example.com");
    analyst.get("/templates/new");

    String email =
        analyst
            .post(
                "/templates/preview",
                "channel",
                "email",
                "customer",
                "ann-t@example.com",
                "subject",
                "Hi {{ profile.traits.first_name }}",
                "html",
                "<p>Hello {{ profile.traits.first_name }}</p><script>alert(1)</script>",
                "text",
                "Hello {{ profile.traits.first_name }}, use {{ coupon.code }}")
            .body();
    String sms =
        analyst
            .post(
                "/templates/preview",
                "channel",
                "sms",
                "customer",
                "userId:t-ann",
                "body",
                "Hi {{ profile.traits.first_name }}")
            .body();

    assertThat(email).contains("<span id=\"preview-subject\">Hi Ann</span>");
    assertThat(email).contains("sandbox=\"\"").contains("srcdoc=\"&lt;p&gt;Hello Ann&lt;/p&gt;");
    assertThat(email).doesNotContain("<script>");
    assertThat(email).contains("Hello Ann, use PREVIEW10");
    assertThat(sms).contains("<p class=\"bubble\" id=\"preview-body\">Hi Ann</p>");
    assertThat(sms).contains("6 characters, 1 SMS");
  }

  @Test
  void liquid_that_does_not_parse_is_named_with_its_line_and_column_and_nothing_is_saved() {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/templates/new");

    HttpResponse<String> refused =
        marketer.post(
            "/templates/new",
            "key",
            "broken-liquid",
            "channel",
            "email",
            "subject",
            "Fine",
            "html",
            "<p>one</p>\n<p>{{ profile.traits.first_name </p>");
    String preview =
        marketer
            .post(
                "/templates/preview",
                "channel",
                "email",
                "html",
                "<p>one</p>\n<p>{{ profile.traits.first_name </p>")
            .body();

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).containsPattern("html, line 2, column \\d+");
    assertThat(preview).containsPattern("html, line 2, column \\d+");
    assertThat(server.get("/api/templates/broken-liquid").status()).isEqualTo(404);
  }

  @Test
  void an_analyst_may_preview_but_a_save_is_refused_and_changes_nothing() {
    ConsoleClient analyst = as("analyst@example.com");
    analyst.get("/templates/new");

    HttpResponse<String> refused =
        analyst.post("/templates/new", "key", "analysts", "channel", "sms", "body", "Hi");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(server.get("/api/templates/analysts").status()).isEqualTo(404);
  }
}
