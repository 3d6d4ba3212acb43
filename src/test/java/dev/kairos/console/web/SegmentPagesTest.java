package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.Await;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The segment pages read and save segments through the services the management API uses. */
class SegmentPagesTest {
  static final String PASSWORD = "correct horse battery";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(new SettableClock(Instant.parse("2026-07-01T09:00:00Z")));
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

  @Test
  void the_preview_counts_who_meets_the_condition_and_names_problems_at_their_paths() {
    server.trackOk("/v1/identify", "{\"userId\":\"p-1\",\"traits\":{\"plan\":\"preview-gold\"}}");
    server.trackOk("/v1/identify", "{\"userId\":\"p-2\",\"traits\":{\"plan\":\"preview-gold\"}}");
    server.awaitApplied();
    ConsoleClient analyst = as("analyst@example.com");
    analyst.get("/segments/new");

    String counted =
        analyst
            .post(
                "/segments/preview",
                "condition",
                "{\"trait\":\"plan\",\"op\":\"eq\",\"value\":\"preview-gold\"}")
            .body();
    String invalid =
        analyst
            .post(
                "/segments/preview",
                "condition",
                "{\"and\":[{\"trait\":\"plan\",\"op\":\"nope\"}]}")
            .body();
    String notJson = analyst.post("/segments/preview", "condition", "{\"trait\":").body();

    assertThat(counted).contains("<strong id=\"preview-count\">2</strong>");
    assertThat(invalid).contains("$.condition.and[0]");
    assertThat(notJson).contains("not JSON at line 1");
  }

  @Test
  void a_marketer_saves_a_segment_and_sees_it_listed_with_its_members() throws Exception {
    server.trackOk(
        "/v1/identify",
        "{\"userId\":\"s-1\",\"traits\":{\"email\":\"s1@example.com\",\"plan\":\"saved-gold\"}}");
    server.awaitApplied();
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/segments/new");

    HttpResponse<String> saved =
        marketer.post(
            "/segments/new",
            "name",
            "Gold <b>plan</b>",
            "key",
            "gold_plan",
            "condition",
            "{\"trait\":\"plan\",\"op\":\"eq\",\"value\":\"saved-gold\"}");

    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location")).contains("/segments/gold_plan?done=saved");
    assertThat(server.get("/api/segments/gold_plan").status()).isEqualTo(200);
    String id = server.profile("email:s1@example.com").path("id").asText();
    Await.until(
        () -> marketer.get("/segments/gold_plan").body().contains("/customers/" + id),
        "the member is listed on the segment page");
    String list = marketer.get("/segments").body();
    assertThat(list).contains("Gold &lt;b&gt;plan&lt;/b&gt;").doesNotContain("<b>plan</b>");
    assertThat(list).contains("href=\"/segments/gold_plan\"");
    assertThat(marketer.get("/segments/gold_plan/members.csv").body())
        .startsWith("profile_id,entered_at\n")
        .contains(id);
    String memberships = marketer.get("/customers/" + id + "/segments").body();
    assertThat(memberships).contains("href=\"/segments/gold_plan\"").contains("saved-gold");
  }

  @Test
  void editing_saves_a_new_version_and_an_unknown_key_is_not_found() {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/segments/new");
    marketer.post(
        "/segments/new",
        "name",
        "Editable",
        "key",
        "editable",
        "condition",
        "{\"trait\":\"plan\",\"op\":\"exists\"}");
    assertThat(marketer.get("/segments/editable/edit").body()).contains("value=\"Editable\"");

    HttpResponse<String> edited =
        marketer.post(
            "/segments/editable/edit",
            "name",
            "Edited",
            "condition",
            "{\"trait\":\"plan\",\"op\":\"eq\",\"value\":\"x\"}");

    assertThat(edited.statusCode()).isEqualTo(303);
    assertThat(server.get("/api/segments/editable").body().path("version").asInt()).isEqualTo(2);
    assertThat(server.get("/api/segments/editable").body().path("name").asText())
        .isEqualTo("Edited");
    assertThat(marketer.get("/segments/nothing_here").statusCode()).isEqualTo(404);
    assertThat(marketer.get("/segments/nothing_here/edit").statusCode()).isEqualTo(404);
  }

  @Test
  void an_invalid_save_shows_the_problems_and_saves_nothing() {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/segments/new");

    HttpResponse<String> refused =
        marketer.post(
            "/segments/new",
            "name",
            "Broken",
            "key",
            "broken",
            "condition",
            "{\"trait\":\"plan\",\"op\":\"between\",\"value\":3}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("$.condition");
    assertThat(server.get("/api/segments/broken").status()).isEqualTo(404);
  }

  @Test
  void an_analyst_may_view_the_builder_but_saving_is_refused_and_changes_nothing() {
    ConsoleClient analyst = as("analyst@example.com");
    assertThat(analyst.get("/segments/new").statusCode()).isEqualTo(200);

    HttpResponse<String> refused =
        analyst.post(
            "/segments/new",
            "name",
            "Analyst's",
            "key",
            "analysts",
            "condition",
            "{\"trait\":\"plan\",\"op\":\"exists\"}");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(server.get("/api/segments/analysts").status()).isEqualTo(404);
  }

  @Test
  void a_save_without_the_csrf_token_is_refused() {
    ConsoleClient marketer = as("marketer@example.com");
    marketer.get("/segments/new");

    HttpResponse<String> refused =
        marketer.postForm(
            "/segments/new",
            java.util.Map.of(
                "name",
                "No token",
                "key",
                "no_token",
                "condition",
                "{\"trait\":\"plan\",\"op\":\"exists\"}"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(server.get("/api/segments/no_token").status()).isEqualTo(404);
  }
}
