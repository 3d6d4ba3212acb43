package dev.kairos.segment;

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

/** Saving, reading, editing and deleting segment definitions through the management API. */
class SegmentDefinitionsApiTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
  static TestServer server;
  static SegmentHttp http;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, Map.of("KAIROS_SEGMENTS_BUILT_IN", "on"));
    http = new SegmentHttp(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void
      a_segment_created_without_a_key_gets_a_slug_of_its_name_and_is_listed_with_its_member_count() {
    JsonNode created =
        http.create(
            "{\"name\":\"Big Spenders in Café\",\"condition\":"
                + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":500}}");
    assertThat(created.path("key").asText()).isEqualTo("big_spenders_in_cafe");
    assertThat(created.path("version").asInt()).isEqualTo(1);
    assertThat(created.path("built_in").asBoolean()).isFalse();

    JsonNode listed = find(server.get("/api/segments").body(), "big_spenders_in_cafe");
    assertThat(listed.path("member_count").isNumber()).isTrue();
    assertThat(listed.path("condition").path("field").asText()).isEqualTo("revenue");
  }

  @Test
  void an_edit_makes_a_new_version_keeps_the_old_one_and_recomputes_in_the_background()
      throws InterruptedException {
    http.create(
        "{\"key\":\"edited\",\"name\":\"Edited\",\"condition\":"
            + "{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":1}}");
    TestServer.Response put =
        http.send(
            "PUT",
            "/api/segments/edited",
            "{\"name\":\"Edited twice\",\"condition\":"
                + "{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":2}}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body().path("version").asInt()).isEqualTo(2);

    http.awaitRecomputed("edited");
    JsonNode read = server.get("/api/segments/edited").body();
    assertThat(read.path("name").asText()).isEqualTo("Edited twice");
    assertThat(read.path("recompute").path("version").asInt()).isEqualTo(2);
    List<Integer> versions = new ArrayList<>();
    read.path("versions").forEach(v -> versions.add(v.path("version").asInt()));
    assertThat(versions).containsExactly(2, 1);
    assertThat(read.path("versions").get(1).path("condition").path("value").asInt()).isEqualTo(1);
  }

  @Test
  void a_bad_definition_answers_400_naming_each_problem_by_its_json_path_and_stores_nothing() {
    TestServer.Response response =
        http.send(
            "POST",
            "/api/segments",
            "{\"key\":\"broken\",\"name\":\"Broken\",\"condition\":{\"and\":["
                + "{\"field\":\"no_such_field\",\"op\":\"eq\",\"value\":1},"
                + "{\"performed\":\"Product Viewed\",\"within_days\":-3},"
                + "{\"segment\":\"no_such_segment\"}]}}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("error").asText()).isEqualTo("invalid_segment");
    List<String> paths = new ArrayList<>();
    response.body().path("problems").forEach(p -> paths.add(p.path("path").asText()));
    assertThat(paths).contains("$.condition.and[0].field", "$.condition.and[1].within_days");
    assertThat(server.get("/api/segments/broken").status()).isEqualTo(404);
  }

  @Test
  void a_missing_name_and_an_unknown_field_are_problems_of_the_body() {
    TestServer.Response response =
        http.send(
            "POST",
            "/api/segments",
            "{\"colour\":\"red\",\"condition\":{\"identifier\":\"email\"}}");
    assertThat(response.status()).isEqualTo(400);
    List<String> paths = new ArrayList<>();
    response.body().path("problems").forEach(p -> paths.add(p.path("path").asText()));
    assertThat(paths).containsExactlyInAnyOrder("$.colour");
    TestServer.Response noName =
        http.send("POST", "/api/segments", "{\"condition\":{\"identifier\":\"email\"}}");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.body().path("problems").get(0).path("path").asText()).isEqualTo("$.name");
  }

  @Test
  void a_taken_key_answers_409_and_a_segment_others_name_cannot_be_deleted() {
    http.create("{\"key\":\"base\",\"name\":\"Base\",\"condition\":{\"identifier\":\"email\"}}");
    assertThat(
            http.send(
                    "POST",
                    "/api/segments",
                    "{\"key\":\"base\",\"name\":\"Again\",\"condition\":{\"identifier\":\"phone\"}}")
                .status())
        .isEqualTo(409);
    http.create(
        "{\"key\":\"derived\",\"name\":\"Derived\",\"condition\":{\"not\":{\"segment\":\"base\"}}}");
    assertThat(http.send("DELETE", "/api/segments/base", "").status()).isEqualTo(409);

    assertThat(http.send("DELETE", "/api/segments/derived", "").status()).isEqualTo(200);
    assertThat(http.send("DELETE", "/api/segments/base", "").status()).isEqualTo(200);
    assertThat(server.get("/api/segments/base").status()).isEqualTo(404);
  }

  @Test
  void a_reference_back_to_the_segment_itself_is_refused_as_a_cycle() {
    http.create("{\"key\":\"loop_a\",\"name\":\"A\",\"condition\":{\"identifier\":\"email\"}}");
    http.create("{\"key\":\"loop_b\",\"name\":\"B\",\"condition\":{\"segment\":\"loop_a\"}}");
    TestServer.Response response =
        http.send(
            "PUT",
            "/api/segments/loop_a",
            "{\"name\":\"A\",\"condition\":{\"segment\":\"loop_b\"}}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("problems").get(0).path("path").asText())
        .startsWith("$.condition");
  }

  @Test
  void unknown_query_parameters_answer_400_naming_them() {
    TestServer.Response response = server.get("/api/segments?colour=red");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("colour");
    assertThat(server.get("/api/segments/vip/members?colour=red").status()).isEqualTo(400);
  }

  @Test
  void the_built_in_segments_are_installed_on_first_start_with_their_stable_keys() {
    List<String> keys = new ArrayList<>();
    server
        .get("/api/segments")
        .body()
        .path("segments")
        .forEach(s -> keys.add(s.path("key").asText()));
    assertThat(keys)
        .contains(
            "abandoned_cart",
            "browse_abandonment",
            "first_time_buyers",
            "repeat_buyers",
            "past_customers",
            "aov_high",
            "aov_medium",
            "aov_low",
            "vip",
            "at_risk",
            "new_subscribers",
            "anonymous_visitors",
            "rfm_champions",
            "rfm_cannot_lose_them",
            "lifecycle_won_back");
    assertThat(find(server.get("/api/segments").body(), "vip").path("built_in").asBoolean())
        .isTrue();
  }

  @Test
  void a_preview_counts_an_unsaved_condition_and_samples_its_people() {
    server.trackOk(
        "/v1/identify", "{\"userId\":\"preview-1\",\"traits\":{\"email\":\"p1@example.com\"}}");
    server.awaitApplied();
    TestServer.Response preview =
        http.send(
            "POST",
            "/api/segments/preview",
            "{\"condition\":{\"trait\":\"email\",\"op\":\"eq\",\"value\":\"p1@example.com\"}}");
    assertThat(preview.status()).isEqualTo(200);
    assertThat(preview.body().path("count").asLong()).isEqualTo(1);
    assertThat(preview.body().path("sample").get(0).path("profile_id").asText())
        .isEqualTo(server.profile("userId:preview-1").path("id").asText());
    assertThat(http.send("POST", "/api/segments/preview", "{\"condition\":{\"and\":[]}}").status())
        .isEqualTo(400);
  }

  private static JsonNode find(JsonNode list, String key) {
    for (JsonNode segment : list.path("segments")) {
      if (segment.path("key").asText().equals(key)) {
        return segment;
      }
    }
    throw new AssertionError("no segment " + key + " in " + list);
  }
}
