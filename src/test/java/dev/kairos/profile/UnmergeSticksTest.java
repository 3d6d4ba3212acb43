package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.RunningKairos;
import dev.kairos.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Undoing a merge records the operator's decision as a separation: later events carrying both
 * sides' identifiers do not merge them again, until the separation is removed.
 */
class UnmergeSticksTest {
  @RegisterExtension static final RunningKairos KAIROS = new RunningKairos("2026-06-01T08:00:00Z");
  static final String BEARER = "Bearer " + TestServer.ADMIN_TOKEN;

  static JsonNode profile(String identifier) {
    return KAIROS.profile(identifier);
  }

  static JsonNode identity(JsonNode profile) {
    return KAIROS.server().get("/api/profiles/" + profile.path("id").asText() + "/identity").body();
  }

  /** Ivo's profile wrongly merged with the shop's till, then the merge undone; the merge's id. */
  static long undoneMerge(String user, String till) {
    KAIROS.send(
        "/v1/track",
        "{\"anonymousId\":\""
            + till
            + "\",\"event\":\"Product Viewed\",\"properties\":{\"product_id\":\"lamp\"}}");
    KAIROS.send(
        "/v1/identify",
        "{\"userId\":\"" + user + "\",\"traits\":{\"email\":\"" + user + "@example.com\"}}");
    KAIROS.send("/v1/identify", "{\"userId\":\"" + user + "\",\"anonymousId\":\"" + till + "\"}");
    long mergeId =
        identity(profile("userId:" + user)).path("merges").get(0).path("merge_id").asLong();
    TestServer.Response undone =
        KAIROS.server().post("/api/merges/" + mergeId + "/undo", "", BEARER);
    assertThat(undone.status()).as(undone.text()).isEqualTo(200);
    assertThat(undone.body().path("separation_id").asLong()).isPositive();
    return mergeId;
  }

  @Test
  void a_later_event_carrying_both_identifiers_does_not_merge_them_again() {
    long mergeId = undoneMerge("ivo", "till-1");
    JsonNode ivo = profile("userId:ivo");
    JsonNode till = profile("anonymousId:till-1");
    assertThat(till.path("id")).isNotEqualTo(ivo.path("id"));

    JsonNode keptApart = identity(ivo).path("kept_apart");
    assertThat(keptApart).hasSize(1);
    assertThat(keptApart.get(0).path("merge_id").asLong()).isEqualTo(mergeId);
    assertThat(keptApart.get(0).path("identifiers").toString())
        .contains("userId:ivo", "email:ivo@example.com");
    assertThat(keptApart.get(0).path("apart_from").toString()).contains("anonymousId:till-1");
    assertThat(identity(till).path("kept_apart").get(0).path("identifiers").toString())
        .contains("anonymousId:till-1");

    // the same login on the till again, and the email typed on it
    KAIROS.send(
        "/v1/identify",
        "{\"messageId\":\"relink-1\",\"userId\":\"ivo\",\"anonymousId\":\"till-1\",\"traits\":{\"city\":\"Leeds\"}}");
    KAIROS.send(
        "/v1/track",
        "{\"messageId\":\"relink-2\",\"anonymousId\":\"till-1\",\"event\":\"Newsletter Signup\","
            + "\"context\":{\"traits\":{\"email\":\"ivo@example.com\"}}}");

    JsonNode ivoAfter = profile("userId:ivo");
    JsonNode tillAfter = profile("anonymousId:till-1");
    assertThat(tillAfter.path("id")).isEqualTo(till.path("id")).isNotEqualTo(ivoAfter.path("id"));
    assertThat(ivoAfter.path("traits").path("city").asText())
        .as("the identify is applied to the profile of its userId")
        .isEqualTo("Leeds");
    assertThat(tillAfter.path("identifiers")).hasSize(1);
    JsonNode rule = identity(ivoAfter).path("kept_apart").get(0);
    assertThat(rule.path("refused_links").asInt()).isEqualTo(2);
    assertThat(rule.path("last_refused_message_id").asText()).isEqualTo("relink-2");
    assertThat(identity(ivoAfter).path("merges")).hasSize(1);
  }

  @Test
  void a_removed_separation_lets_the_next_linking_event_merge_again() {
    undoneMerge("uma", "till-2");
    JsonNode uma = profile("userId:uma");
    long separation = identity(uma).path("kept_apart").get(0).path("separation_id").asLong();

    assertThat(KAIROS.server().admin("DELETE", "/api/separations/" + separation + "?x=1").status())
        .isEqualTo(400);
    TestServer.Response removed = KAIROS.server().admin("DELETE", "/api/separations/" + separation);
    assertThat(removed.status()).as(removed.text()).isEqualTo(200);
    assertThat(KAIROS.server().admin("DELETE", "/api/separations/" + separation).status())
        .isEqualTo(404);
    assertThat(identity(uma).path("kept_apart")).isEmpty();

    KAIROS.send("/v1/identify", "{\"userId\":\"uma\",\"anonymousId\":\"till-2\"}");
    assertThat(profile("anonymousId:till-2").path("id")).isEqualTo(uma.path("id"));
  }

  @Test
  void deleting_a_person_removes_the_separations_naming_their_identifiers() {
    undoneMerge("vic", "till-3");
    JsonNode vic = profile("userId:vic");
    assertThat(KAIROS.server().admin("DELETE", "/api/profiles/" + vic.path("id").asText()).status())
        .isEqualTo(200);
    assertThat(identity(profile("anonymousId:till-3")).path("kept_apart")).isEmpty();
    assertThat(
            KAIROS
                .server()
                .count("select count(*) from separation_identifiers where value like 'vic%'"))
        .isZero();
  }

  @Test
  void an_email_kept_apart_is_not_stored_on_the_other_side_so_deleting_its_owner_leaves_none() {
    undoneMerge("hal", "kiosk-1");
    String hal = profile("userId:hal").path("id").asText();
    JsonNode kiosk = profile("anonymousId:kiosk-1");

    // Hal's email typed on the kiosk after the undo: the link is refused, the event is the kiosk's
    KAIROS.send(
        "/v1/identify",
        "{\"anonymousId\":\"kiosk-1\",\"traits\":{\"email\":\"hal@example.com\",\"city\":\"Hull\"}}");
    JsonNode kioskAfter = profile("anonymousId:kiosk-1");
    assertThat(kioskAfter.path("id")).isEqualTo(kiosk.path("id"));
    assertThat(kioskAfter.path("traits").path("city").asText()).isEqualTo("Hull");
    assertThat(kioskAfter.path("traits").has("email"))
        .as("the refused email is not a trait of the kiosk's profile")
        .isFalse();

    // the kiosk merged with Kim and that merge undone: the kiosk is rebuilt from its events
    KAIROS.send("/v1/identify", "{\"userId\":\"kim\"}");
    KAIROS.send("/v1/identify", "{\"userId\":\"kim\",\"anonymousId\":\"kiosk-1\"}");
    long kimMerge = 0;
    for (JsonNode merge : identity(profile("userId:kim")).path("merges")) {
      kimMerge = Math.max(kimMerge, merge.path("merge_id").asLong());
    }
    TestServer.Response undone =
        KAIROS.server().post("/api/merges/" + kimMerge + "/undo", "", BEARER);
    assertThat(undone.status()).as(undone.text()).isEqualTo(200);
    JsonNode rebuilt = profile("anonymousId:kiosk-1");
    assertThat(rebuilt.path("traits").path("city").asText()).isEqualTo("Hull");
    assertThat(rebuilt.path("traits").has("email"))
        .as("rebuilding the kiosk's profile does not bring the refused email back")
        .isFalse();

    TestServer.Response deleted = KAIROS.server().admin("DELETE", "/api/profiles/" + hal);
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    TestServer.Response found = KAIROS.server().get("/api/profiles?trait=email:hal@example.com");
    assertThat(found.status()).as(found.text()).isEqualTo(200);
    assertThat(found.text())
        .doesNotContain("hal@example.com")
        .doesNotContain(kiosk.path("id").asText());

    // the kiosk keeps its event, without Hal's email, in its timeline, export and the log
    String kioskId = kiosk.path("id").asText();
    TestServer.Response timeline = KAIROS.server().get("/api/profiles/" + kioskId + "/events");
    assertThat(timeline.status()).as(timeline.text()).isEqualTo(200);
    assertThat(timeline.text()).contains("Hull").doesNotContain("hal@example.com");
    TestServer.Response export = KAIROS.server().get("/api/profiles/" + kioskId + "/export");
    assertThat(export.status()).as(export.text()).isEqualTo(200);
    assertThat(export.text()).contains("Hull").doesNotContain("hal@example.com");
    assertThat(KAIROS.server().count("select count(*) from events where payload like '%hal@%'"))
        .isZero();
    assertThat(
            KAIROS
                .server()
                .count(
                    "select count(*) from unlinked_identifiers where value_sha256"
                        + " = encode(sha256('hal@example.com'::bytea), 'hex')"))
        .isZero();
  }
}
