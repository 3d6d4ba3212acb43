package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.platform.http.Json;
import dev.kairos.profile.store.ProfileMaintenance;
import dev.kairos.profile.store.ProfileStore;
import dev.kairos.profile.store.SuppressionStore;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Delete + suppress keeps its promise: whatever events carry a deleted person's identifiers — sent
 * before the delete and applied after it, or sent after it, to any node — nothing readable about
 * the person is kept in any table or shown by any route, and the person cannot be messaged.
 */
class DeletedPersonTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-06-01T08:00:00Z"));

  @Test
  void events_acknowledged_before_the_delete_and_applied_after_it_leave_nothing_readable() {
    // a long linger: acknowledged events wait in the processor's memory until a reader asks (the
    // scheduled recompute is such a reader, polling from the start: off here, so none asks)
    try (TestServer server =
        TestServer.start(
            clock,
            Map.of("KAIROS_APPLY_LINGER_MS", "10000", "KAIROS_INTELLIGENCE_SCHEDULE", "off"))) {
      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"wren-7\",\"anonymousId\":\"wren-laptop\",\"traits\":{\"email\":\"wren@example.com\","
              + "\"phone\":\"+44 20 7946 0321\",\"first_name\":\"Wrenna\"}}");
      server.trackOk(
          "/v1/track",
          "{\"userId\":\"wren-7\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"W-1\",\"revenue\":20}}");
      server.awaitApplied();
      UUID id = UUID.fromString(server.profile("userId:wren-7").path("id").asText());

      // sent and acknowledged, not yet applied when the operator deletes the person
      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"wren-7\",\"anonymousId\":\"wren-phone\",\"traits\":{\"first_name\":\"Wrenna\","
              + "\"city\":\"Kirkwall\",\"phone\":\"+44 20 7946 0321\"}}");
      server.trackOk(
          "/v1/track",
          "{\"anonymousId\":\"wren-phone\",\"event\":\"Order Completed\",\"context\":{\"traits\":"
              + "{\"email\":\"wren@example.com\"}},\"properties\":{\"order_id\":\"W-2\",\"revenue\":35}}");
      server.trackOk("/v1/page", "{\"anonymousId\":\"wren-phone\",\"name\":\"Kirkwall knitwear\"}");
      long appliedBefore = appliedSeq(server);
      assertThat(appliedBefore).as("the three events wait").isLessThan(lastSeq(server));

      assertThat(maintenance(server).delete(id)).isPresent();
      assertThat(appliedSeq(server))
          .as("the delete ran before the waiting events were applied")
          .isEqualTo(appliedBefore);
      server.awaitApplied();

      assertNothingReadable(
          server,
          "wren@example.com",
          "Wrenna",
          "Kirkwall",
          "wren-7",
          "wren-phone",
          "wren-laptop",
          "7946 0321",
          "79460321");
      for (String identifier :
          List.of(
              "email:wren@example.com",
              "userId:wren-7",
              "anonymousId:wren-phone",
              "phone:+442079460321")) {
        assertThat(
                server
                    .get(
                        "/api/profiles?identifier="
                            + URLEncoder.encode(identifier, StandardCharsets.UTF_8))
                    .status())
            .as(identifier)
            .isEqualTo(404);
        assertThat(suppression(server, identifier).path("suppressed").asBoolean())
            .as(identifier + " can never be messaged")
            .isTrue();
      }
      assertThat(
              server.row("select profile_id is null, revenue from orders where order_id = 'W-2'"))
          .as("the order is kept for revenue reports, without the person")
          .containsExactly("t", "35.00");
      assertThat(server.count("select count(*) from profiles")).isZero();
    }
  }

  @Test
  void events_sent_to_any_node_after_the_delete_leave_nothing_readable_and_touch_no_one_else() {
    try (TestServer a = TestServer.start(clock);
        TestServer b = TestServer.start(clock, Map.of("KAIROS_DATABASE_URL", a.databaseUrl()))) {
      a.trackOk(
          "/v1/identify",
          "{\"userId\":\"gone-1\",\"anonymousId\":\"gone-laptop\",\"traits\":{\"email\":\"gone@example.com\","
              + "\"first_name\":\"Gwendolyn\"}}");
      a.trackOk(
          "/v1/track",
          "{\"userId\":\"gone-1\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"G-1\",\"revenue\":20}}");
      a.trackOk(
          "/v1/identify",
          "{\"userId\":\"stays-1\",\"anonymousId\":\"shop-kiosk\",\"traits\":{\"first_name\":\"Stella\"}}");
      a.awaitApplied();
      String id = a.profile("userId:gone-1").path("id").asText();
      JsonNode stella = a.profile("userId:stays-1");

      TestServer.Response deleted = b.admin("DELETE", "/api/profiles/" + id);
      assertThat(deleted.status()).isEqualTo(200);

      a.trackOk(
          "/v1/identify",
          "{\"userId\":\"gone-1\",\"anonymousId\":\"gone-phone\",\"traits\":{\"first_name\":\"Gwendolyn\","
              + "\"city\":\"Oban\"}}");
      b.trackOk(
          "/v1/track",
          "{\"anonymousId\":\"gone-tablet\",\"event\":\"Order Completed\",\"context\":{\"traits\":"
              + "{\"email\":\"GONE@example.com\"}},\"properties\":{\"order_id\":\"G-2\",\"revenue\":35}}");
      a.trackOk("/v1/page", "{\"anonymousId\":\"gone-phone\",\"name\":\"Oban tweed\"}");
      b.trackOk(
          "/v1/track",
          "{\"anonymousId\":\"gone-tablet\",\"event\":\"Product Viewed\",\"properties\":{\"product_id\":\"tweed\"}}");
      // on the shop's kiosk, where Stella is logged in: the kiosk stays Stella's, untouched
      b.trackOk(
          "/v1/identify",
          "{\"anonymousId\":\"shop-kiosk\",\"traits\":{\"email\":\"gone@example.com\",\"city\":\"Oban\"}}");
      a.awaitApplied();
      b.awaitApplied();

      assertNothingReadable(
          a,
          "gone@example.com",
          "Gwendolyn",
          "Oban",
          "gone-1",
          "gone-phone",
          "gone-tablet",
          "gone-laptop");
      JsonNode stellaAfter = b.profile("anonymousId:shop-kiosk");
      assertThat(stellaAfter.path("id")).isEqualTo(stella.path("id"));
      assertThat(stellaAfter.path("traits")).isEqualTo(stella.path("traits"));
      assertThat(stellaAfter.path("identifiers")).isEqualTo(stella.path("identifiers"));
      assertThat(b.get("/api/profiles/" + stella.path("id").asText() + "/events").body().toString())
          .doesNotContain("gone");
      assertThat(suppression(b, "anonymousId:gone-tablet").path("reason").asText())
          .as("an identifier that arrived with a deleted one")
          .isEqualTo("arrived with a deleted identifier");
      assertThat(suppression(b, "anonymousId:shop-kiosk").path("suppressed").asBoolean())
          .as("a live profile's identifier is not suppressed by someone else's event")
          .isFalse();
      assertThat(a.count("select count(*) from events where payload::json->>'suppressed' = 'true'"))
          .as("the five events kept as stubs")
          .isEqualTo(5);
      assertThat(
              a.count(
                  "select count(*) from event_profiles l join events e using (seq)"
                      + " where e.payload::json->>'suppressed' = 'true'"))
          .as("applied to no profile")
          .isZero();

      Suppressions suppressions =
          new SuppressionStore(a.server().database(), new ProfileStore(Json.MAPPER), clock);
      assertThat(suppressions.ofProfile(UUID.fromString(id)).suppressed()).isTrue();
      assertThat(suppressions.of(new Identifier("email", "gone@example.com")).suppressed())
          .isTrue();
      assertThat(suppressions.ofProfile(UUID.fromString(stella.path("id").asText())))
          .isEqualTo(new Suppression.None());
    }
  }

  @Test
  void an_event_of_a_deleted_person_that_cannot_be_applied_is_kept_as_a_stub_too() {
    try (TestServer server = TestServer.start(clock)) {
      server.trackOk(
          "/v1/identify",
          "{\"userId\":\"fay-3\",\"traits\":{\"email\":\"fay@example.com\",\"first_name\":\"Fayette\"}}");
      server.awaitApplied();
      String id = server.profile("userId:fay-3").path("id").asText();
      assertThat(server.admin("DELETE", "/api/profiles/" + id).status()).isEqualTo(200);

      // an event the database refuses to apply (here: a constraint set up for the test)
      server.execute(
          "alter table orders add constraint order_f1_refused check (order_id <> 'F-1')");
      server.trackOk(
          "/v1/track",
          "{\"anonymousId\":\"fay-tablet\",\"event\":\"Order Completed\",\"context\":{\"traits\":"
              + "{\"email\":\"fay@example.com\",\"first_name\":\"Fayette\"}},"
              + "\"properties\":{\"order_id\":\"F-1\",\"revenue\":5}}");
      server.awaitApplied();
      assertThat(server.count("select count(*) from event_failures")).isEqualTo(1);

      JsonNode failures = server.get("/api/events/failures").body().path("failures");
      assertThat(failures).hasSize(1);
      assertThat(failures.get(0).path("event").path("suppressed").asBoolean()).isTrue();
      assertThat(failures.get(0).path("error").asText()).contains("error withheld");
      assertNothingReadable(server, "fay@example.com", "Fayette", "fay-3", "fay-tablet");
    }
  }

  @Test
  void the_rows_of_a_table_added_later_with_a_profile_id_go_with_the_person_unlisted() {
    try (TestServer server = TestServer.start(clock)) {
      server.trackOk("/v1/identify", "{\"userId\":\"gil-1\",\"traits\":{\"first_name\":\"Gil\"}}");
      server.trackOk("/v1/identify", "{\"userId\":\"hana-1\"}");
      server.awaitApplied();
      String gil = server.profile("userId:gil-1").path("id").asText();
      String hana = server.profile("userId:hana-1").path("id").asText();
      // a new context's tables, one referencing the other without a cascade
      server.execute(
          "create table loyalty_points (id bigint primary key, profile_id uuid not null,"
              + " points int)");
      server.execute(
          "create table loyalty_point_notes (point_id bigint not null references loyalty_points,"
              + " profile_id uuid not null, note text)");
      server.execute(
          "insert into loyalty_points values (1, '" + gil + "', 50), (2, '" + hana + "', 7)");
      server.execute(
          "insert into loyalty_point_notes values (1, '"
              + gil
              + "', 'Gil''s birthday'), (2, '"
              + hana
              + "', 'welcome')");

      TestServer.Response deleted = server.admin("DELETE", "/api/profiles/" + gil);
      assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);

      assertThat(
              server.count("select count(*) from loyalty_points where profile_id = '" + gil + "'"))
          .isZero();
      assertThat(server.count("select count(*) from loyalty_point_notes where note like 'Gil%'"))
          .isZero();
      assertThat(server.count("select count(*) from loyalty_points"))
          .as("Hana's stay")
          .isEqualTo(1);
      assertThat(server.count("select count(*) from loyalty_point_notes")).isEqualTo(1);
    }
  }

  static JsonNode suppression(TestServer server, String identifier) {
    TestServer.Response response =
        server.get("/api/suppressions/" + URLEncoder.encode(identifier, StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.body();
  }

  /** No row of any table, and no failure or search answer, holds any of the texts. */
  static void assertNothingReadable(TestServer server, String... texts) {
    server.awaitApplied();
    List<String> tables =
        server
            .server()
            .database()
            .read(
                c -> {
                  List<String> names = new ArrayList<>();
                  try (var rs =
                      c.createStatement()
                          .executeQuery(
                              "select quote_ident(table_name) from information_schema.tables"
                                  + " where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                      names.add(rs.getString(1));
                    }
                  }
                  return names;
                });
    assertThat(tables).contains("events", "profiles", "identifiers", "profile_timeline");
    for (String text : texts) {
      for (String table : tables) {
        long rows =
            server
                .server()
                .database()
                .read(
                    c -> {
                      try (var ps =
                          c.prepareStatement(
                              "select count(*) from " + table + " t where t::text ilike ?")) {
                        ps.setString(1, "%" + text + "%");
                        try (var rs = ps.executeQuery()) {
                          rs.next();
                          return rs.getLong(1);
                        }
                      }
                    });
        assertThat(rows).as("rows of %s holding %s", table, text).isZero();
      }
      assertThat(server.get("/api/events/failures?limit=1000").text())
          .doesNotContainIgnoringCase(text);
    }
    assertThat(server.get("/api/profiles?trait=first_name:" + texts[1]).body().path("profiles"))
        .isEmpty();
  }

  private static ProfileMaintenance maintenance(TestServer server) {
    return new ProfileMaintenance(
        server.server().database(),
        new ProfileStore(Json.MAPPER),
        Json.MAPPER,
        java.time.Clock.systemUTC(),
        new IdentifierRules(new IdentifierNormaliser(null), IdentifierRules.parse("")));
  }

  private static long appliedSeq(TestServer server) {
    return server
        .server()
        .database()
        .read(
            c -> {
              try (var rs =
                  c.createStatement().executeQuery("select applied_seq from event_cursor")) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }

  private static long lastSeq(TestServer server) {
    return server
        .server()
        .database()
        .read(
            c -> {
              try (var rs =
                  c.createStatement().executeQuery("select coalesce(max(seq), 0) from events")) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }
}
