package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.kairos.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journey canvas in a real browser: a journey built from the palette, saved, refused with its
 * problem shown on the node, mended, saved and published.
 */
class JourneyCanvasBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final String PASSWORD = "correct horse battery";

  static TestServer server;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "Chromium is not at " + CHROMIUM + " (apt-get install chromium)");
    Files.createDirectories(SCREENSHOTS);
    server = TestServer.start(Clock.systemUTC());
    server.server().modules().console().accounts().create("admin@example.com", "admin", PASSWORD);
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
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
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

  static Page signedIn(BrowserContext context) {
    Page page = context.newPage();
    page.setDefaultTimeout(20_000);
    page.navigate(server.baseUrl() + "/");
    page.getByLabel("Email").fill("admin@example.com");
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(server.baseUrl() + "/");
    return page;
  }

  static void settings(Page page, String json) {
    page.locator("#step-settings").fill(json);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
  }

  static void add(Page page, String step) {
    page.locator(".palette")
        .getByRole(
            AriaRole.BUTTON,
            new com.microsoft.playwright.Locator.GetByRoleOptions().setName(step).setExact(true))
        .click();
  }

  @Test
  void a_journey_built_on_the_canvas_shows_its_problem_on_the_node_then_saves_and_publishes() {
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    Page page = signedIn(context);
    List<String> errors = new ArrayList<>();
    page.onConsoleMessage(
        m -> {
          // the refused save's 400 is expected; anything else (CSP, a script failing) is not
          if (m.type().equals("error") && !m.text().contains("status of 400")) {
            errors.add(m.text());
          }
        });
    page.navigate(server.baseUrl() + "/journeys/new");
    page.locator(".drawflow-node.kind-trigger").waitFor();
    page.locator("#journey-key").fill("browser-welcome");
    page.locator("#journey-name").fill("Browser <b>welcome</b>");
    settings(page, "{\"trigger\": {\"event\": \"Signed Up\"}}");
    add(page, "Delay");
    settings(page, "{\"duration\": \"soon\"}");
    add(page, "Send");
    settings(
        page, "{\"channel\": \"email\", \"template\": \"welcome-1\", \"topic\": \"promotions\"}");
    add(page, "Exit");

    page.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as a new draft version"))
        .click();

    page.locator(".drawflow-node.has-problems").waitFor();
    assertThat(page.locator(".drawflow-node.has-problems").getAttribute("data-key"))
        .isEqualTo("delay-1");
    assertThat(page.locator(".drawflow-node.has-problems .node-problems").textContent())
        .contains("ISO 8601");
    assertThat(page.textContent("#journey-problems")).contains("steps.delay-1.duration");
    assertThat(server.get("/api/journeys/browser-welcome").status()).isEqualTo(404);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("journey-problem.png")));

    page.locator(".drawflow-node[data-key='delay-1']").click();
    settings(page, "{\"duration\": \"PT1H\"}");
    page.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save as a new draft version"))
        .click();
    page.waitForURL(server.baseUrl() + "/journeys/browser-welcome?done=saved");
    page.locator(".drawflow-node[data-key='send-2']").waitFor();
    assertThat(page.locator(".drawflow-node").count()).isEqualTo(4);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("journey-canvas.png"))
            .setFullPage(true));

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish v1")).click();
    page.waitForURL(server.baseUrl() + "/journeys/browser-welcome?done=published");

    assertThat(page.textContent("#journey-status")).isEqualTo("active");
    JsonNode saved = server.get("/api/journeys/browser-welcome").body();
    assertThat(saved.path("published_version").asInt()).isEqualTo(1);
    assertThat(saved.path("name").asText()).isEqualTo("Browser <b>welcome</b>");
    JsonNode steps = saved.path("definition").path("steps");
    assertThat(saved.path("definition").path("start").asText()).isEqualTo("delay-1");
    assertThat(steps.path("delay-1").path("next").asText()).isEqualTo("send-2");
    assertThat(steps.path("send-2").path("next").asText()).isEqualTo("exit");
    assertThat(page.locator("h1").textContent()).isEqualTo("Browser <b>welcome</b>");
    assertThat(errors).as("console errors (CSP, scripts)").isEmpty();
    page.navigate(server.baseUrl() + "/journeys");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("journeys.png"))
            .setFullPage(true));
    context.close();
  }

  @Test
  void a_journey_file_uploaded_on_the_list_is_saved_as_a_new_draft_version() throws Exception {
    var document =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            dev.kairos.platform.http.Json.MAPPER.readTree(
                server.get("/api/journeys/birthday/export").text());
    document.put("name", "Birthday, uploaded");
    Path file = Files.createTempFile("birthday", ".journey.json");
    Files.writeString(file, document.toString());
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    Page page = signedIn(context);

    page.navigate(server.baseUrl() + "/journeys");
    page.locator("#import-file").setInputFiles(file);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();

    page.waitForURL(server.baseUrl() + "/journeys/birthday?done=saved");
    JsonNode saved = server.get("/api/journeys/birthday").body();
    assertThat(saved.path("latest_version").asInt()).isEqualTo(2);
    assertThat(saved.path("definition").path("name").asText()).isEqualTo("Birthday, uploaded");
    context.close();
    Files.delete(file);
  }
}
