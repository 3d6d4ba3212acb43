package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.RunningKairos;
import dev.kairos.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values a new user might send by mistake are refused with a 400 naming the field, and change
 * nothing: the rules of docs/tracking-api.md ("Values Kairos counts") and docs/import.md.
 */
class BadValuesTest {
  @RegisterExtension static final RunningKairos KAIROS = new RunningKairos("2026-03-01T10:00:00Z");

  private static TestServer server() {
    return KAIROS.server();
  }

  private static void refused(String path, String json, String field) {
    TestServer.Response response = server().track(path, json);
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo(field);
  }

  @Test
  void an_order_with_negative_revenue_is_refused_and_the_profile_keeps_its_figures() {
    KAIROS.send(
        "/v1/track",
        "{\"userId\":\"neg\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"N-1\",\"revenue\":40}}");

    refused(
        "/v1/track",
        "{\"userId\":\"neg\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"N-2\",\"revenue\":-500}}",
        "properties.revenue");

    JsonNode profile = KAIROS.profile("userId:neg");
    assertThat(profile.path("orders_count").asInt()).isEqualTo(1);
    assertThat(profile.path("revenue").decimalValue()).isEqualByComparingTo("40");
    assertThat(profile.path("average_order_value").decimalValue()).isEqualByComparingTo("40");
  }

  @Test
  void an_order_without_an_order_id_is_refused_naming_it_and_its_alternative_checkout_id() {
    TestServer.Response response =
        server()
            .track(
                "/v1/track",
                "{\"userId\":\"noid\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":10}}");
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("properties.order_id");
    assertThat(response.body().path("message").asText()).contains("checkout_id");
    assertThat(server().get("/api/profiles?identifier=userId:noid").status()).isEqualTo(404);
  }

  @Test
  void a_cart_line_with_an_absurd_quantity_is_refused_naming_it() {
    refused(
        "/v1/track",
        "{\"userId\":\"q\",\"event\":\"Product Added\",\"properties\":{\"product_id\":\"x\",\"price\":2,\"quantity\":1e9}}",
        "properties.quantity");
    refused(
        "/v1/track",
        "{\"userId\":\"q\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"Q-1\",\"products\":[{\"product_id\":\"x\",\"quantity\":1},{\"product_id\":\"y\",\"quantity\":0}]}}",
        "properties.products[1].quantity");
  }

  @Test
  void in_a_batch_the_bad_event_is_rejected_by_index_and_the_others_are_stored() {
    TestServer.Response response =
        server()
            .track(
                "/v1/batch",
                "{\"batch\":[{\"type\":\"track\",\"userId\":\"bat\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-1\",\"revenue\":1e20}},"
                    + "{\"type\":\"track\",\"userId\":\"bat\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"B-2\",\"revenue\":7}}]}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("accepted").asInt()).isEqualTo(1);
    assertThat(response.body().at("/rejected/0/index").asInt()).isZero();
    assertThat(response.body().at("/rejected/0/field").asText()).isEqualTo("properties.revenue");
    server().awaitApplied();
    assertThat(KAIROS.profile("userId:bat").path("revenue").decimalValue())
        .isEqualByComparingTo("7");
  }

  @Test
  void a_refund_may_state_a_negative_total() {
    KAIROS.send(
        "/v1/track",
        "{\"userId\":\"ref\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"R-1\",\"revenue\":30}}");
    KAIROS.send(
        "/v1/track",
        "{\"userId\":\"ref\",\"event\":\"Order Refunded\",\"properties\":{\"order_id\":\"R-1\",\"total\":-10}}");
    assertThat(KAIROS.profile("userId:ref").path("revenue").decimalValue())
        .isEqualByComparingTo("20");
  }

  @Test
  void an_unknown_query_parameter_is_refused_naming_it_instead_of_an_unfiltered_list() {
    TestServer.Response response = server().get("/api/profiles?lifecycle_stage=lapsed");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("lifecycle_stage");
    assertThat(response.body().path("message").asText()).contains("identifier, trait, limit");

    TestServer.Response orders =
        server().get("/api/profiles/00000000-0000-0000-0000-000000000001/orders?page=2");
    assertThat(orders.body().path("field").asText()).isEqualTo("page");
  }

  @Test
  void a_query_parameter_given_twice_is_refused_unless_it_is_a_list() {
    TestServer.Response twice =
        server().get("/api/profiles?identifier=userId:bob&identifier=userId:nobody");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.body().path("field").asText()).isEqualTo("identifier");
    assertThat(server().get("/api/profiles?trait=plan:pro&limit=1&limit=1000").status())
        .isEqualTo(400);
    assertThat(server().get("/api/profiles?trait=plan:pro&trait=city:York").status())
        .as("trait is a list")
        .isEqualTo(200);
  }

  @Test
  void identifier_and_trait_together_are_refused() {
    TestServer.Response response =
        server().get("/api/profiles?identifier=userId:neg&trait=city:York");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("trait");
  }

  @Test
  void an_unknown_identifier_kind_is_a_bad_request_not_a_missing_profile() {
    TestServer.Response response = server().get("/api/profiles?identifier=emial:ann@example.com");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("field").asText()).isEqualTo("identifier");
    assertThat(response.body().path("message").asText()).contains("emial").contains("email");
    assertThat(server().get("/api/profiles?identifier=loyalty_card:LC-404").status())
        .isEqualTo(404);
  }

  @Test
  void an_unknown_identifier_kind_of_a_suppression_is_a_bad_request_listing_the_known_kinds() {
    for (String method : new String[] {"GET", "DELETE"}) {
      TestServer.Response response =
          method.equals("GET")
              ? server().get("/api/suppressions/emial:x")
              : server().admin("DELETE", "/api/suppressions/emial:x", "{\"source\":\"form\"}");
      assertThat(response.status()).as(method + " " + response.text()).isEqualTo(400);
      assertThat(response.body().path("field").asText()).isEqualTo("identifier");
      assertThat(response.body().path("message").asText())
          .contains("emial")
          .contains("known kinds: anonymousId, email, ");
    }
  }

  @Test
  void an_identifier_whose_value_is_wrong_is_refused_saying_what_is_wrong_with_it() {
    TestServer.Response email = server().get("/api/profiles?identifier=email:foo");
    assertThat(email.status()).isEqualTo(400);
    assertThat(email.body().path("message").asText())
        .contains("'foo' is not an email address")
        .doesNotContain("kind:value");

    TestServer.Response phone = server().get("/api/suppressions/phone:07700900123");
    assertThat(phone.status()).isEqualTo(400);
    assertThat(phone.body().path("field").asText()).isEqualTo("identifier");
    assertThat(phone.body().path("message").asText())
        .contains("'07700900123' is not a possible phone number")
        .contains("country code");
  }

  @Test
  void lists_say_whether_more_results_exist() {
    for (String id : new String[] {"m1", "m2", "m3"}) {
      KAIROS.send("/v1/identify", "{\"userId\":\"" + id + "\",\"traits\":{\"club\":\"more\"}}");
    }
    JsonNode firstTwo = server().get("/api/profiles?trait=club:more&limit=2").body();
    assertThat(firstTwo.path("profiles")).hasSize(2);
    assertThat(firstTwo.path("has_more").asBoolean()).isTrue();
    JsonNode rest = server().get("/api/profiles?trait=club:more&limit=2&offset=2").body();
    assertThat(rest.path("profiles")).hasSize(1);
    assertThat(rest.path("has_more").asBoolean()).isFalse();

    String id = KAIROS.profile("userId:m1").path("id").asText();
    TestServer.Response events = server().get("/api/profiles/" + id + "/events?limit=1");
    assertThat(events.body()).hasSize(1);
    assertThat(events.header("Kairos-Has-More")).isEqualTo("false");
    KAIROS.send("/v1/track", "{\"userId\":\"m1\",\"event\":\"Visited\"}");
    assertThat(server().get("/api/profiles/" + id + "/events?limit=1").header("Kairos-Has-More"))
        .isEqualTo("true");
  }

  @Test
  void csv_prices_out_of_range_and_negative_are_bad_lines_that_keep_their_orders_out()
      throws Exception {
    String csv =
        "order_id,customer_id,order_date,product_id,price,quantity\n"
            + "P-1,csv1,2026-02-01,mug,1e20,1\n"
            + "P-2,csv1,2026-02-01,mug,-5,1\n"
            + "P-3,csv1,2026-02-01,mug,5,1\n";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server().baseUrl() + "/api/imports/orders"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(csv))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    JsonNode summary = dev.kairos.platform.http.Json.MAPPER.readTree(response.body());
    assertThat(summary.path("bad_lines").asInt()).as(response.body()).isEqualTo(2);
    assertThat(summary.at("/errors/0/reason").asText()).contains("price is too large: '1E+20'");
    assertThat(summary.at("/errors/1/reason").asText()).contains("price is negative");
    server().awaitApplied();
    JsonNode profile = KAIROS.profile("userId:csv1");
    assertThat(profile.path("orders_count").asInt()).isEqualTo(1);
    assertThat(profile.path("revenue").decimalValue()).isEqualByComparingTo("5");
  }
}
