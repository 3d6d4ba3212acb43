package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The customer pages change and read data as the management API does. */
class CustomerPagesTest {
  static final String PASSWORD = "correct horse battery";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(new SettableClock(Instant.parse("2026-07-01T09:00:00Z")));
    server.server().modules().console().accounts().create("admin@example.com", "admin", PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  ConsoleClient admin() {
    ConsoleClient admin = new ConsoleClient(server.baseUrl());
    admin.signIn("admin@example.com", PASSWORD);
    return admin;
  }

  @Test
  void deleting_needs_the_typed_confirmation_then_deletes_and_suppresses() {
    server.trackOk(
        "/v1/identify", "{\"userId\":\"del-1\",\"traits\":{\"email\":\"gone@example.com\"}}");
    String id = server.profile("email:gone@example.com").path("id").asText();
    ConsoleClient admin = admin();
    admin.get("/customers/" + id + "/delete");

    HttpResponse<String> unconfirmed = admin.post("/customers/" + id + "/delete", "confirm", "yes");
    assertThat(unconfirmed.statusCode()).isEqualTo(303);
    assertThat(server.get("/api/profiles/" + id).status()).isEqualTo(200);

    HttpResponse<String> confirmed =
        admin.post("/customers/" + id + "/delete", "confirm", "delete");
    assertThat(confirmed.headers().firstValue("Location")).contains("/customers?done=deleted");
    assertThat(server.get("/api/profiles/" + id).status()).isEqualTo(404);
    assertThat(server.count("select count(*) from suppressed_identifiers where kind = 'email'"))
        .isEqualTo(1);
  }

  @Test
  void an_admin_undoes_a_merge_from_the_merge_history() {
    server.trackOk(
        "/v1/identify", "{\"userId\":\"m-1\",\"traits\":{\"email\":\"merge@example.com\"}}");
    server.trackOk("/v1/track", "{\"anonymousId\":\"anon-m\",\"event\":\"Product Viewed\"}");
    server.trackOk("/v1/identify", "{\"userId\":\"m-1\",\"anonymousId\":\"anon-m\"}");
    JsonNode identity =
        server
            .get(
                "/api/profiles/"
                    + server.profile("email:merge@example.com").path("id").asText()
                    + "/identity")
            .body();
    String id = identity.path("profile_id").asText();
    long mergeId = identity.path("merges").get(0).path("merge_id").asLong();
    ConsoleClient admin = admin();
    assertThat(admin.get("/customers/" + id).body()).contains("Undo merge");

    HttpResponse<String> undone = admin.post("/customers/" + id + "/merges/" + mergeId + "/undo");

    assertThat(undone.headers().firstValue("Location"))
        .contains("/customers/" + id + "?done=unmerged");
    assertThat(admin.get("/customers/" + id + "?done=unmerged").body())
        .contains("The merge was undone");
    assertThat(server.get("/api/profiles?identifier=anonymousId:anon-m").body().path("id").asText())
        .isNotEqualTo(id);
  }

  @Test
  void export_downloads_the_same_json_as_the_api() throws Exception {
    server.trackOk(
        "/v1/identify", "{\"userId\":\"x-1\",\"traits\":{\"email\":\"export@example.com\"}}");
    String id = server.profile("email:export@example.com").path("id").asText();

    HttpResponse<String> export = admin().get("/customers/" + id + "/export");

    assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment");
    assertThat(Json.MAPPER.readTree(export.body()))
        .isEqualTo(server.get("/api/profiles/" + id + "/export").body());
  }

  @Test
  void a_search_by_trait_or_identifier_finds_the_customer_and_misses_find_nothing() {
    server.trackOk(
        "/v1/identify",
        "{\"userId\":\"s-1\",\"traits\":{\"email\":\"search@example.com\",\"plan\":\"gold\"}}");
    server.awaitApplied();
    ConsoleClient admin = admin();
    assertThat(admin.get("/customers?q=plan%3Dgold").body()).contains("search@example.com");
    assertThat(admin.get("/customers?q=userId%3As-1").body()).contains("search@example.com");
    assertThat(admin.get("/customers?q=s-1").body()).contains("search@example.com");
    assertThat(admin.get("/customers?q=nobody%40example.com").body())
        .contains("No customer matches");
  }

  @Test
  void the_timeline_pages_back_through_older_events() {
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < CustomerPages.PAGE + 5; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"type\":\"track\",\"userId\":\"t-1\",\"event\":\"Step ")
          .append(i)
          .append("\",\"timestamp\":\"2026-06-01T00:")
          .append(String.format("%02d", i))
          .append(":00Z\"}");
    }
    server.trackOk("/v1/batch", batch.append("]}").toString());
    String id = server.profile("userId:t-1").path("id").asText();
    ConsoleClient admin = admin();
    String first = admin.get("/customers/" + id).body();
    assertThat(first).contains("Step 29").doesNotContain("Step 4<");
    String before = first.replaceAll("(?s).*events\\?before=(\\d+).*", "$1");

    String older = admin.get("/customers/" + id + "/events?before=" + before).body();

    assertThat(older).contains("Step 4<").contains("Step 0<").doesNotContain("Step 29");
    assertThat(older).doesNotContain("Load older events");
  }

  @Test
  void every_page_and_fragment_of_a_customer_id_that_names_no_profile_is_a_clear_404() {
    ConsoleClient admin = admin();
    String unknown = "/customers/" + java.util.UUID.randomUUID();

    for (String path :
        java.util.List.of(
            unknown,
            unknown + "/segments",
            unknown + "/journeys",
            unknown + "/events",
            unknown + "/export",
            unknown + "/delete",
            "/customers/not-a-uuid/segments")) {
      HttpResponse<String> answer = admin.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.body())
          .as(path)
          .contains("<h1>Not found</h1>")
          .contains("No such customer");
    }
  }

  @Test
  void a_deleted_customers_segments_fragment_is_a_404_not_an_empty_list() {
    server.trackOk(
        "/v1/identify", "{\"userId\":\"frag-1\",\"traits\":{\"email\":\"frag@example.com\"}}");
    String id = server.profile("email:frag@example.com").path("id").asText();
    ConsoleClient admin = admin();
    assertThat(admin.get("/customers/" + id + "/segments").statusCode()).isEqualTo(200);
    assertThat(admin.get("/customers/" + id + "/journeys").body()).contains("In no journey");

    server.admin("DELETE", "/api/profiles/" + id);

    assertThat(admin.get("/customers/" + id + "/segments").statusCode()).isEqualTo(404);
    assertThat(admin.get("/customers/" + id + "/journeys").statusCode()).isEqualTo(404);
  }
}
