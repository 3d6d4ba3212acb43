package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template editor in a real browser: the live preview for a customer at desktop and phone
 * width, a Liquid problem shown with its line, then saved.
 */
class TemplateEditorBrowserTest {
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
    server.trackOk(
        "/v1/identify",
        "{\"userId\":\"b-ann\",\"traits\":{\"email\":\"ann-b@example.com\",\"first_name\":\"Ann\"}}");
    server.awaitApplied();
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

  @Test
  void a_marketer_previews_an_email_for_a_customer_sees_a_liquid_problem_and_saves_it() {
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    Page page = context.newPage();
    page.setDefaultTimeout(20_000);
    page.navigate(server.baseUrl() + "/");
    page.getByLabel("Email").fill("admin@example.com");
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(server.baseUrl() + "/");

    page.navigate(server.baseUrl() + "/templates/new?channel=email");
    page.locator("#key").fill("browser-hello");
    page.locator("#customer").fill("ann-b@example.com");
    page.locator("#subject").fill("Hello {{ profile.traits.first_name }}");
    page.locator("#html").fill("<h1>Hi {{ profile.traits.first_name }}</h1>\n<p>{% if %}</p>");
    page.waitForCondition(
        () ->
            page.locator("#template-problems").count() == 1
                && page.textContent("#template-problems").contains("html, line 2, column"));

    page.locator("#html").fill("<h1>Hi {{ profile.traits.first_name }}</h1>\n<p>Welcome.</p>");
    page.waitForCondition(
        () ->
            page.locator("#preview-subject").count() == 1
                && page.textContent("#preview-subject").equals("Hello Ann"));
    assertThat(page.frameLocator("iframe.email-phone").locator("h1").textContent())
        .isEqualTo("Hi Ann");
    assertThat(page.frameLocator("iframe.email-desktop").locator("h1").textContent())
        .isEqualTo("Hi Ann");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("template-editor.png"))
            .setFullPage(true));

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save template")).click();
    page.waitForURL(server.baseUrl() + "/templates/browser-hello?done=saved");
    assertThat(server.get("/api/templates/browser-hello").body().path("html").asText())
        .contains("Welcome.");
    context.close();
  }
}
