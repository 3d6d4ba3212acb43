package dev.kairos.intelligence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.ConfigurationException;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A shop whose history ended in the past (an imported year, a public data set) is scored as of an
 * analysis date: {@code POST /api/intelligence/recompute?as_of=} or {@code KAIROS_ANALYSIS_AS_OF}.
 */
class AnalysisDateTest {
  static final Instant TODAY = Instant.parse("2026-05-01T09:00:00Z");
  final SettableClock clock = new SettableClock(TODAY);
  TestServer server;
  int orders;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Three customers who bought in the autumn of 2011, and an order after 2011-12-09. */
  void historyEndingIn2011() {
    order("ann", 100, "2011-11-02T10:00:00Z");
    order("ann", 120, "2011-12-01T10:00:00Z");
    order("bob", 40, "2011-12-09T16:30:00Z");
    order("cat", 300, "2011-06-15T11:00:00Z");
    order("dan", 80, "2011-12-20T09:00:00Z");
  }

  @Test
  void scored_as_of_today_a_history_from_2011_has_only_lapsed_customers() {
    server = TestServer.start(clock);
    historyEndingIn2011();

    JsonNode summary = recompute("");

    assertThat(summary.path("as_of").asText()).isEqualTo(TODAY.toString());
    assertThat(summary.path("steps").path("rfm").path("customers_ranked").asInt()).isZero();
    assertThat(stage("ann")).isEqualTo("lapsed");
  }

  @Test
  void as_of_a_day_scores_the_shop_at_the_end_of_that_day() {
    server = TestServer.start(clock);
    historyEndingIn2011();

    JsonNode summary = recompute("?as_of=2011-12-09");

    assertThat(summary.path("as_of").asText()).isEqualTo("2011-12-10T00:00:00Z");
    assertThat(summary.path("started_at").asText()).isEqualTo(TODAY.toString());
    // ann, bob (that day's order counts) and cat; dan's order is after the analysis date
    assertThat(summary.path("steps").path("rfm").path("customers_ranked").asInt()).isEqualTo(3);
    assertThat(stage("ann")).isEqualTo("repeat_buyer");
    assertThat(stage("bob")).isEqualTo("first_time_buyer");
    assertThat(stage("dan")).isEqualTo("visitor");
    // ranked over the days before the analysis date: bob's order is the latest of three
    assertThat(profile("userId:bob").path("rfm").path("score").asText()).isEqualTo("411");
    assertThat(profile("userId:cat").path("rfm").path("recency").asInt()).isEqualTo(1);
    assertThat(profile("userId:ann").path("rfm").path("computed_at").asText())
        .isEqualTo("2011-12-10T00:00:00Z");
  }

  @Test
  void as_of_a_date_and_time_is_taken_as_written() {
    server = TestServer.start(clock);
    historyEndingIn2011();

    JsonNode summary = recompute("?as_of=2011-12-09T12:00:00Z");

    assertThat(summary.path("as_of").asText()).isEqualTo("2011-12-09T12:00:00Z");
    assertThat(summary.path("steps").path("rfm").path("customers_ranked").asInt()).isEqualTo(2);
    assertThat(stage("bob")).isEqualTo("visitor"); // his order was that afternoon
  }

  @Test
  void the_operator_fixes_the_analysis_date_for_every_recompute_of_the_node() {
    server = TestServer.start(clock, Map.of("KAIROS_ANALYSIS_AS_OF", "2011-12-09"));
    historyEndingIn2011();
    clock.advance(Duration.ofMinutes(10));

    JsonNode full = recompute("");
    assertThat(full.path("as_of").asText()).isEqualTo("2011-12-10T00:00:00Z");
    assertThat(stage("ann")).isEqualTo("repeat_buyer");

    // the incremental pass scores as of the same date, and finds changes by the clock
    clock.advance(Duration.ofMinutes(10));
    order("bob", 60, "2011-12-09T17:00:00Z");
    clock.advance(Duration.ofMinutes(10));
    JsonNode pass = recompute("?scope=changed");
    assertThat(pass.path("kind").asText()).isEqualTo("incremental");
    assertThat(pass.path("as_of").asText()).isEqualTo("2011-12-10T00:00:00Z");
    assertThat(pass.path("profiles").asInt()).isEqualTo(1);
    assertThat(stage("bob")).isEqualTo("repeat_buyer");
    assertThat(stage("ann")).isEqualTo("repeat_buyer");
  }

  @Test
  void the_recommendations_served_follow_the_analysis_date_of_the_latest_full_recompute() {
    server = TestServer.start(clock);
    historyEndingIn2011();
    // as of today, dan bought tea on 2011-12-20
    assertThat(buyAgainFor("dan").path("model_built_for").asText()).isEqualTo(TODAY.toString());
    assertThat(firstReason(buyAgainFor("dan"))).isEqualTo("bought_before");

    recompute("?as_of=2011-12-09");

    // as of 2011-12-09 (a visitor, like his lifecycle stage says), dan has bought nothing yet
    JsonNode asOf2011 = buyAgainFor("dan");
    assertThat(asOf2011.path("model_built_for").asText()).isEqualTo("2011-12-10T00:00:00Z");
    assertThat(firstReason(asOf2011)).isEqualTo("popular_overall");
    assertThat(asOf2011.path("recommendations").get(0).path("fallback").asBoolean()).isTrue();
    assertThat(firstReason(buyAgainFor("ann"))).isEqualTo("bought_before");

    // a recompute naming no date scores as of now again, and so do the recommendations
    clock.advance(Duration.ofMinutes(5));
    recompute("");
    JsonNode now = buyAgainFor("dan");
    assertThat(now.path("model_built_for").asText()).isEqualTo(clock.instant().toString());
    assertThat(firstReason(now)).isEqualTo("bought_before");
  }

  @Test
  void with_the_analysis_date_fixed_the_recommendations_are_built_as_of_it_from_the_start() {
    server = TestServer.start(clock, Map.of("KAIROS_ANALYSIS_AS_OF", "2011-12-09"));
    historyEndingIn2011();

    JsonNode answer = buyAgainFor("dan");

    assertThat(answer.path("model_built_for").asText()).isEqualTo("2011-12-10T00:00:00Z");
    assertThat(firstReason(answer)).isEqualTo("popular_overall");
    TestServer.Response rebuilt = server.admin("POST", "/api/recommendations/rebuild");
    assertThat(rebuilt.status()).as(rebuilt.text()).isEqualTo(200);
    assertThat(rebuilt.body().path("built_for").asText()).isEqualTo("2011-12-10T00:00:00Z");
  }

  @Test
  void a_bad_analysis_date_is_refused_naming_it_and_changes_nothing() {
    server = TestServer.start(clock);
    historyEndingIn2011();
    recompute("?as_of=2011-12-09");

    TestServer.Response bad = server.admin("POST", "/api/intelligence/recompute?as_of=09/12/2011");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("field").asText()).isEqualTo("as_of");
    TestServer.Response unknown =
        server.admin("POST", "/api/intelligence/recompute?asof=2011-12-09");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("field").asText()).isEqualTo("asof");
    assertThat(stage("ann")).isEqualTo("repeat_buyer");
    assertThat(server.count("select count(*) from profile_intelligence_runs")).isEqualTo(1);
  }

  @Test
  void a_bad_analysis_date_in_the_environment_stops_the_server_naming_the_variable() {
    assertThatThrownBy(
            () -> TestServer.start(clock, Map.of("KAIROS_ANALYSIS_AS_OF", "last christmas")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("KAIROS_ANALYSIS_AS_OF");
  }

  @Test
  void a_day_ends_at_midnight_in_the_workspace_zone() {
    assertThat(AnalysisDate.parse("2011-07-01", ZoneId.of("Europe/London")))
        .isEqualTo(Instant.parse("2011-07-01T23:00:00Z"));
    assertThat(AnalysisDate.parse("2011-07-01 12:00", ZoneId.of("Europe/London")))
        .isEqualTo(Instant.parse("2011-07-01T11:00:00Z"));
    assertThat(AnalysisDate.parse("2011-07-01T12:00:00+02:00", ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2011-07-01T10:00:00Z"));
  }

  // helpers

  void order(String userId, int revenue, String at) {
    TestServer.Response response =
        server.track(
            "/v1/import",
            "{\"batch\":[{\"type\":\"track\",\"userId\":\""
                + userId
                + "\",\"event\":\"Order Completed\",\"timestamp\":\""
                + at
                + "\",\"properties\":{\"order_id\":\"o"
                + (++orders)
                + "\",\"revenue\":"
                + revenue
                + ",\"products\":[{\"product_id\":\"tea\",\"price\":1,\"quantity\":1}]}}]}");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    server.awaitApplied();
  }

  JsonNode recompute(String query) {
    TestServer.Response response = server.admin("POST", "/api/intelligence/recompute" + query);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  JsonNode profile(String identifier) {
    TestServer.Response response = server.get("/api/profiles?identifier=" + identifier);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  JsonNode buyAgainFor(String userId) {
    String id = profile("userId:" + userId).path("id").asText();
    TestServer.Response response =
        server.get("/api/profiles/" + id + "/recommendations?strategy=buy_again");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  static String firstReason(JsonNode answer) {
    return answer.path("recommendations").get(0).path("reason").path("kind").asText();
  }

  String stage(String userId) {
    return profile("userId:" + userId).path("lifecycle_stage").asText();
  }
}
