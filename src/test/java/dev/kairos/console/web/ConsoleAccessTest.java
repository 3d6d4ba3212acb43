package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.console.Accounts;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may see and change what in the console, over real HTTP against a real server. */
class ConsoleAccessTest {
  static final String PASSWORD = "correct horse battery";
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-07-01T09:00:00Z"));
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK);
    Accounts accounts = server.server().modules().console().accounts();
    accounts.create("admin@example.com", "admin", PASSWORD);
    accounts.create("analyst@example.com", "analyst", PASSWORD);
    accounts.create("throttled@example.com", "marketer", PASSWORD);
    server.trackOk(
        "/v1/identify",
        "{\"userId\":\"u-1\",\"traits\":{\"email\":\"ann@example.com\",\"name\":\"Ann\"}}");
    server.awaitApplied();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  ConsoleClient client() {
    return new ConsoleClient(server.baseUrl());
  }

  @Test
  void every_console_page_sends_a_visitor_without_a_session_to_sign_in() {
    ConsoleClient anonymous = client();
    String profile = server.profile("email:ann@example.com").path("id").asText();
    for (String page :
        List.of(
            "/",
            "/dashboard/health",
            "/customers",
            "/customers/" + profile,
            "/customers/" + profile + "/events",
            "/customers/" + profile + "/export",
            "/customers/" + profile + "/delete",
            "/intelligence",
            "/settings",
            "/settings/users",
            "/settings/tokens",
            "/segments",
            "/journeys",
            "/templates",
            "/campaigns")) {
      HttpResponse<String> response = anonymous.get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(303);
      assertThat(response.headers().firstValue("Location").orElseThrow())
          .as(page)
          .startsWith("/login?next=");
      assertThat(response.body()).as(page).doesNotContain("Ann");
    }
  }

  @Test
  void signing_in_sets_an_http_only_same_site_session_cookie_and_opens_the_dashboard() {
    ConsoleClient admin = client();
    HttpResponse<String> signedIn = admin.signIn("admin@example.com", PASSWORD);
    assertThat(signedIn.statusCode()).isEqualTo(303);
    String cookie = sessionCookie(signedIn);
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    HttpResponse<String> dashboard = admin.get("/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("Dashboard").contains("admin@example.com");
    assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
  }

  @Test
  void a_session_cookie_is_secure_when_the_console_is_reached_over_https() throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login"))
                .header("X-Forwarded-Proto", "https")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("kairos_login=").contains("Secure"));
  }

  @Test
  void five_wrong_passwords_lock_the_account_for_fifteen_minutes() {
    ConsoleClient client = client();
    for (int i = 0; i < 5; i++) {
      assertThat(client.signIn("throttled@example.com", "wrong password " + i).statusCode())
          .isEqualTo(401);
    }
    HttpResponse<String> locked = client.signIn("throttled@example.com", PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(locked.body()).contains("Too many failed sign-ins");
    CLOCK.advance(Duration.ofMinutes(15));
    assertThat(client.signIn("throttled@example.com", PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void a_state_change_without_the_csrf_token_is_refused_and_changes_nothing() {
    ConsoleClient admin = client();
    admin.signIn("admin@example.com", PASSWORD);
    admin.get("/settings/tokens");
    long before = server.count("select count(*) from api_tokens");

    HttpResponse<String> missing = admin.postForm("/settings/tokens", Map.of("name", "no csrf"));
    HttpResponse<String> wrong =
        admin.postForm("/settings/tokens", Map.of("name", "wrong csrf", "_csrf", "forged"));

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body()).contains("CSRF");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(server.count("select count(*) from api_tokens")).isEqualTo(before);
  }

  @Test
  void the_sign_in_form_without_its_token_is_refused() {
    ConsoleClient client = client();
    long sessions = server.count("select count(*) from console_sessions");
    HttpResponse<String> response =
        client.postForm(
            "/login", Map.of("email", "admin@example.com", "password", PASSWORD, "next", "/"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("kairos_session="));
    assertThat(server.count("select count(*) from console_sessions")).isEqualTo(sessions);
  }

  @Test
  void an_analyst_cannot_delete_a_customer() {
    String profile = server.profile("email:ann@example.com").path("id").asText();
    ConsoleClient analyst = client();
    analyst.signIn("analyst@example.com", PASSWORD);
    assertThat(analyst.get("/customers/" + profile).body())
        .contains("Ann")
        .doesNotContain("/delete\"");
    assertThat(analyst.get("/customers/" + profile + "/delete").statusCode()).isEqualTo(403);

    HttpResponse<String> delete =
        analyst.post("/customers/" + profile + "/delete", "confirm", "delete");

    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(server.get("/api/profiles/" + profile).status()).isEqualTo(200);
    assertThat(analyst.get("/settings/users").statusCode()).isEqualTo(403);
  }

  @Test
  void an_api_token_made_in_the_console_opens_the_management_api_until_it_is_revoked()
      throws Exception {
    ConsoleClient admin = client();
    admin.signIn("admin@example.com", PASSWORD);
    admin.get("/settings/tokens");
    HttpResponse<String> created = admin.post("/settings/tokens", "name", "warehouse sync");
    String token =
        java.util.regex.Pattern.compile("id=\"new-token\">(kairos_[A-Za-z0-9_-]+)<")
            .matcher(created.body())
            .results()
            .findFirst()
            .orElseThrow()
            .group(1);
    assertThat(api(token)).isEqualTo(200);
    assertThat(api(token + "x")).isEqualTo(401);

    String id = server.row("select id from api_tokens where name = 'warehouse sync'").get(0);
    admin.get("/settings/tokens");
    assertThat(admin.post("/settings/tokens/" + id + "/revoke").statusCode()).isEqualTo(200);
    assertThat(api(token)).isEqualTo(401);
  }

  @Test
  void the_first_admin_can_be_made_through_the_api_with_the_admin_token() {
    TestServer.Response created =
        server.post(
            "/api/users",
            "{\"email\":\"first@example.com\",\"role\":\"admin\",\"password\":\""
                + PASSWORD
                + "\"}",
            "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("role").asText()).isEqualTo("admin");
    assertThat(created.text()).doesNotContain("argon2");

    TestServer.Response badRole =
        server.post(
            "/api/users",
            "{\"email\":\"x@example.com\",\"role\":\"owner\",\"password\":\"" + PASSWORD + "\"}",
            "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.body().path("field").asText()).isEqualTo("role");
    TestServer.Response shortPassword =
        server.post(
            "/api/users",
            "{\"email\":\"y@example.com\",\"role\":\"analyst\",\"password\":\"short\"}",
            "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(shortPassword.body().path("field").asText()).isEqualTo("password");
    TestServer.Response again =
        server.post(
            "/api/users",
            "{\"email\":\"FIRST@example.com\",\"role\":\"analyst\",\"password\":\""
                + PASSWORD
                + "\"}",
            "Bearer " + TestServer.ADMIN_TOKEN);
    assertThat(again.status()).isEqualTo(409);
    assertThat(server.post("/api/users", "{}", null).status()).isEqualTo(401);
    assertThat(
            server.count(
                "select count(*) from console_users where email like 'x@%' or email like 'y@%'"))
        .isZero();

    assertThat(client().signIn("first@example.com", PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void signing_out_ends_the_session() {
    ConsoleClient admin = client();
    admin.signIn("admin@example.com", PASSWORD);
    admin.get("/");
    assertThat(admin.post("/logout").statusCode()).isEqualTo(303);
    assertThat(admin.get("/").statusCode()).isEqualTo(303);
  }

  @Test
  void a_form_sent_after_the_session_ended_goes_to_sign_in_and_changes_nothing() {
    ConsoleClient admin = client();
    admin.signIn("admin@example.com", PASSWORD);
    admin.get("/settings/tokens");
    admin.post("/logout");
    long before = server.count("select count(*) from api_tokens");

    HttpResponse<String> response = admin.post("/settings/tokens", "name", "after sign-out");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).contains("/login");
    assertThat(server.count("select count(*) from api_tokens")).isEqualTo(before);
  }

  private int api(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/profiles?limit=1"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("kairos_session="))
        .findFirst()
        .orElseThrow();
  }
}
