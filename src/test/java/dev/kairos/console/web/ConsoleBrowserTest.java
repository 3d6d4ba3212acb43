package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.kairos.console.Accounts;
import dev.kairos.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (Debian's Chromium, headless) against a real server: signing in,
 * finding a customer, roles, CSRF, escaping, and a screenshot of every page under {@code
 * target/console-screenshots}.
 */
class ConsoleBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final String PASSWORD = "correct horse battery";
  static final String XSS_TRAIT = "<img src=x onerror=\"window.__xss='trait'\">";
  static final String XSS_SCRIPT = "<script>window.__xss='script'</script>";

  static TestServer server;
  static Playwright playwright;
  static Browser browser;
  BrowserContext context;
  Page page;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Chromium is not at " + CHROMIUM + " (apt-get install chromium)");
    Files.createDirectories(SCREENSHOTS);
    server = TestServer.start(Clock.systemUTC());
    Accounts accounts = server.server().modules().console().accounts();
    accounts.create("admin@example.com", "admin", PASSWORD);
    accounts.create("analyst@example.com", "analyst", PASSWORD);
    seedShop();
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--no-first-run")));
  }

  /**
   * Ann (orders, a cart, a long timeline), Bob, and Mallory whose traits and events carry markup.
   */
  static void seedShop() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<String> events = new ArrayList<>();
    events.add(
        "{\"type\":\"identify\",\"userId\":\"u-ann\",\"timestamp\":\""
            + now.minus(20, ChronoUnit.DAYS)
            + "\",\"traits\":{\"email\":\"ann@example.com\",\"name\":\"Ann Example\",\"city\":\"York\"}}");
    events.add(order("u-ann", "o-1", 120.50, now.minus(12, ChronoUnit.DAYS)));
    events.add(order("u-ann", "o-2", 80.00, now.minus(3, ChronoUnit.DAYS)));
    for (int i = 0; i < 30; i++) {
      events.add(
          "{\"type\":\"track\",\"userId\":\"u-ann\",\"event\":\"Product Viewed\",\"timestamp\":\""
              + now.minus(2, ChronoUnit.DAYS).plusSeconds(i * 60L)
              + "\",\"properties\":{\"product_id\":\"p-"
              + (i % 5)
              + "\",\"name\":\"Product "
              + (i % 5)
              + "\",\"price\":10}}");
    }
    events.add(
        "{\"type\":\"track\",\"userId\":\"u-ann\",\"event\":\"Product Added\",\"timestamp\":\""
            + now.minus(1, ChronoUnit.DAYS)
            + "\",\"properties\":{\"product_id\":\"p-3\",\"name\":\"Product 3\",\"price\":10,\"quantity\":2}}");
    events.add(
        "{\"type\":\"identify\",\"userId\":\"u-bob\",\"timestamp\":\""
            + now.minus(9, ChronoUnit.DAYS)
            + "\",\"traits\":{\"email\":\"bob@example.com\",\"name\":\"Bob Buyer\"}}");
    events.add(order("u-bob", "o-3", 45.00, now.minus(8, ChronoUnit.DAYS)));
    events.add(
        "{\"type\":\"identify\",\"userId\":\"u-mallory\",\"timestamp\":\""
            + now.minus(5, ChronoUnit.DAYS)
            + "\",\"traits\":{\"email\":\"mallory@example.com\",\"name\":"
            + json(XSS_SCRIPT + " Mallory")
            + ",\"nickname\":"
            + json(XSS_TRAIT)
            + "}}");
    events.add(
        "{\"type\":\"track\",\"userId\":\"u-mallory\",\"event\":"
            + json("Clicked " + XSS_TRAIT)
            + ",\"timestamp\":\""
            + now.minus(4, ChronoUnit.DAYS)
            + "\",\"properties\":{\"note\":"
            + json(XSS_SCRIPT)
            + "}}");
    server.trackOk("/v1/batch", "{\"batch\":[" + String.join(",", events) + "]}");
    server.awaitApplied();
    server.admin("POST", "/api/intelligence/recompute");
    server.admin("POST", "/api/recommendations/rebuild");
  }

  static String order(String userId, String orderId, double revenue, Instant at) {
    return "{\"type\":\"track\",\"userId\":\""
        + userId
        + "\",\"event\":\"Order Completed\",\"timestamp\":\""
        + at
        + "\",\"properties\":{\"order_id\":\""
        + orderId
        + "\",\"revenue\":"
        + revenue
        + ",\"currency\":\"EUR\",\"products\":[{\"product_id\":\"p-1\",\"name\":\"Product 1\","
        + "\"price\":"
        + revenue
        + ",\"quantity\":1}]}}";
  }

  static String json(String text) {
    try {
      return dev.kairos.platform.http.Json.MAPPER.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void open() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    page = context.newPage();
    page.setDefaultTimeout(15_000);
  }

  @AfterEach
  void close() {
    context.close();
  }

  void signIn(String email) {
    page.navigate(server.baseUrl() + "/");
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(server.baseUrl() + "/");
  }

  void screenshot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  String customerId(String email) {
    return server.profile("email:" + email).path("id").asText();
  }

  @Test
  void a_user_signs_in_and_sees_the_dashboard_with_its_charts() {
    page.navigate(server.baseUrl() + "/customers");
    assertThat(page.url()).contains("/login?next=");
    screenshot("login");
    page.getByLabel("Email").fill("admin@example.com");
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(server.baseUrl() + "/customers");

    page.navigate(server.baseUrl() + "/");
    assertThat(
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dashboard"))
                .isVisible())
        .isTrue();
    page.locator(".chart svg").first().waitFor();
    assertThat(page.locator(".chart svg").count()).isEqualTo(3);
    assertThat(page.locator(".figure").first().textContent()).contains("Orders").contains("3");
    screenshot("dashboard");
  }

  @Test
  void a_marketer_finds_a_customer_and_opens_the_360_page_with_its_paged_timeline() {
    signIn("admin@example.com");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Customers")).click();
    page.getByLabel("Find a customer").fill("ann@example.com");
    page.waitForCondition(() -> page.locator("#results tbody tr").count() == 1);
    assertThat(page.url()).contains("q=ann%40example.com");
    screenshot("customers");
    page.locator("#results a", new Page.LocatorOptions().setHasText("Ann Example")).click();

    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ann Example")).waitFor();
    assertThat(page.locator("#h-identifiers + table").textContent())
        .contains("ann@example.com")
        .contains("u-ann");
    assertThat(page.textContent("body"))
        .contains("York")
        .contains("o-1")
        .contains("o-2")
        .contains("Product 3");
    int rows = page.locator("#timeline tr").count();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load older events"))
        .click();
    page.waitForCondition(() -> page.locator("#timeline tr").count() > rows);
    assertThat(page.textContent("#timeline")).contains("Order Completed").contains("identify");
    screenshot("customer");

    page.setViewportSize(390, 844);
    screenshot("customer-phone");
  }

  @Test
  void an_analyst_may_read_a_customer_but_not_delete_it() {
    String ann = customerId("ann@example.com");
    signIn("analyst@example.com");
    page.navigate(server.baseUrl() + "/customers/" + ann);
    assertThat(
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete…")).count())
        .isZero();
    assertThat(
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings")).count())
        .isZero();

    page.navigate(server.baseUrl() + "/customers/" + ann + "/delete");
    assertThat(page.textContent("main")).contains("Your role may not open this page");
    String csrf = page.locator("input[name=_csrf]").first().inputValue();
    var response =
        page.request()
            .post(
                server.baseUrl() + "/customers/" + ann + "/delete",
                RequestOptions.create()
                    .setForm(FormData.create().set("_csrf", csrf).set("confirm", "delete")));

    assertThat(response.status()).isEqualTo(403);
    assertThat(server.get("/api/profiles/" + ann).status()).isEqualTo(200);
  }

  @Test
  void a_form_sent_without_its_csrf_token_is_refused_and_changes_nothing() {
    signIn("admin@example.com");
    page.navigate(server.baseUrl() + "/settings/tokens");
    long before = server.count("select count(*) from api_tokens");
    page.getByLabel("Name (what it is for)").fill("forged");
    page.evaluate("document.querySelectorAll('input[name=_csrf]').forEach(i => i.remove())");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();

    page.getByText("CSRF").waitFor();
    assertThat(page.textContent("main")).contains("Nothing was changed");
    assertThat(server.count("select count(*) from api_tokens")).isEqualTo(before);
  }

  @Test
  void markup_and_script_in_traits_and_event_properties_render_as_inert_text() {
    AtomicReference<String> dialog = new AtomicReference<>();
    page.onDialog(
        d -> {
          dialog.set(d.message());
          d.dismiss();
        });
    signIn("admin@example.com");
    page.navigate(server.baseUrl() + "/customers?q=mallory%40example.com");
    assertThat(page.textContent("#results")).contains(XSS_SCRIPT + " Mallory");
    page.locator("#results a").first().click();
    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Traits")).waitFor();
    page.locator("#timeline details").first().click();

    String body = page.textContent("body");
    assertThat(body).contains(XSS_TRAIT).contains(XSS_SCRIPT).contains("Clicked " + XSS_TRAIT);
    assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
    assertThat(page.locator("img[src=x]").count()).isZero();
    assertThat(page.locator("main script").count()).isZero();
    assertThat(dialog.get()).isNull();
    screenshot("customer-escaped");
  }

  @Test
  void every_page_renders_and_is_kept_as_a_screenshot() {
    signIn("admin@example.com");
    for (String[] shot :
        List.of(
            new String[] {"/intelligence", "intelligence", "Intelligence"},
            new String[] {"/settings/users", "settings-users", "Settings"},
            new String[] {"/settings/tokens", "settings-tokens", "Settings"},
            new String[] {"/segments", "segments", "Segments"},
            new String[] {"/journeys", "journeys", "Journeys"},
            new String[] {"/templates", "templates", "Templates"},
            new String[] {"/campaigns", "campaigns", "Campaigns"})) {
      var response = page.navigate(server.baseUrl() + shot[0]);
      assertThat(response.status()).as(shot[0]).isEqualTo(200);
      assertThat(page.locator("h1").textContent()).as(shot[0]).isEqualTo(shot[2]);
      if (shot[0].equals("/intelligence")) {
        page.locator(".chart svg").first().waitFor();
      }
      screenshot(shot[1]);
    }
    page.setViewportSize(390, 844);
    page.navigate(server.baseUrl() + "/");
    page.locator(".chart svg").first().waitFor();
    screenshot("dashboard-phone");
  }

  @Test
  void a_marketer_builds_a_segment_sees_its_live_count_saves_it_and_finds_it_listed()
      throws InterruptedException {
    signIn("admin@example.com");
    page.navigate(server.baseUrl() + "/segments/new");
    page.locator("#name").fill(XSS_SCRIPT + " Yorkers");
    page.locator("#key").fill("yorkers");
    page.locator("#condition").fill("{\"trait\": \"city\", \"op\": \"eq\", \"value\": \"Yor");
    page.locator("#preview-problems").waitFor();
    assertThat(page.textContent("#preview-problems")).contains("$.condition").contains("not JSON");
    page.locator("#condition").fill("{\"trait\": \"city\", \"op\": \"eq\", \"value\": \"York\"}");
    page.waitForCondition(
        () ->
            page.locator("#preview-count").count() == 1
                && page.textContent("#preview-count").equals("1"));
    screenshot("segment-builder");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save segment")).click();
    page.waitForURL(server.baseUrl() + "/segments/yorkers?done=saved");
    screenshot("segment");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Segments")).click();
    page.waitForURL(server.baseUrl() + "/segments");
    assertThat(page.textContent("#segments")).contains(XSS_SCRIPT + " Yorkers");
    assertThat(page.locator("main script").count()).isZero();
    screenshot("segments-list");

    String ann = customerId("ann@example.com");
    dev.kairos.testing.Await.until(
        () -> server.get("/api/segments/yorkers/members").text().contains(ann),
        "Ann's membership of the saved segment");
    page.navigate(server.baseUrl() + "/customers/" + ann);
    page.locator("#h-segments + div a[href='/segments/yorkers']").waitFor();
    assertThat(page.textContent("#h-segments + div")).contains("York");
  }

  @Test
  void the_visual_rows_write_the_same_json_and_the_count_follows() {
    signIn("admin@example.com");
    page.navigate(server.baseUrl() + "/segments/new");
    page.locator("#rules li").first().waitFor();
    var first = page.locator("#rules li").first();
    first.getByLabel("Name").fill("city");
    first.getByLabel("Value").fill("York");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a row")).click();
    var second = page.locator("#rules li").nth(1);
    second.getByLabel("Kind").selectOption("performed");
    second.getByLabel("Event").fill("Product Viewed");
    second.getByLabel("Times").fill("3");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Write the JSON")).click();

    page.waitForCondition(
        () ->
            page.locator("#condition").inputValue().contains("\"performed\": \"Product Viewed\"")
                && page.locator("#preview-count").count() == 1
                && page.textContent("#preview-count").equals("1"));
    assertThat(page.locator("#condition").inputValue())
        .contains("\"and\"")
        .contains("\"trait\": \"city\"")
        .contains("\"within_days\": 30");
    screenshot("segment-rows");
  }

  @Test
  void an_analyst_may_preview_a_segment_but_saving_it_is_refused() {
    signIn("analyst@example.com");
    page.navigate(server.baseUrl() + "/segments/new");
    assertThat(page.textContent("main"))
        .contains("may build and preview a segment here but not save");
    page.locator("#name").fill("Analyst's segment");
    page.locator("#key").fill("analysts");
    page.locator("#condition").fill("{\"trait\": \"city\", \"op\": \"exists\"}");
    page.locator("#preview-count").waitFor();

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save segment")).click();

    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not allowed")).waitFor();
    assertThat(server.get("/api/segments/analysts").status()).isEqualTo(404);
  }

  @Test
  void the_keyboard_reaches_the_skip_link_first_and_every_field_has_a_label() {
    signIn("admin@example.com");
    page.navigate(server.baseUrl() + "/customers");
    page.keyboard().press("Tab");
    assertThat(page.evaluate("() => document.activeElement.textContent"))
        .isEqualTo("Skip to content");
    page.keyboard().press("Enter");
    for (String path :
        List.of(
            "/",
            "/customers",
            "/settings/users",
            "/settings/tokens",
            "/journeys",
            "/journeys/new",
            "/templates/new")) {
      page.navigate(server.baseUrl() + path);
      Object unlabelled =
          page.evaluate(
              "() => [...document.querySelectorAll('input:not([type=hidden]), select')]"
                  + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
                  + ".map(e => e.name)");
      assertThat((List<?>) unlabelled).as(path).isEmpty();
    }
  }
}
