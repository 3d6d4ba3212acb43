package dev.kairos.console.web;

import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;

/**
 * Campaigns in the navigation before their features land: each page says so. A feature's own pages
 * replace its entry here.
 */
public final class PlaceholderPages implements RouteGroup {
  private final ConsoleAccess access;
  private final Pages pages;

  public PlaceholderPages(ConsoleAccess access, Pages pages) {
    this.access = access;
    this.pages = pages;
  }

  @Override
  public void register(RoutesConfig routes) {
    placeholder(
        routes, "campaigns", "Campaigns", "Campaigns (broadcasts to a segment, A/B variants)");
  }

  private void placeholder(RoutesConfig routes, String section, String title, String feature) {
    routes.get(
        "/" + section,
        access.page(
            (ctx, viewer) ->
                pages.render(
                    ctx,
                    "placeholder.jte",
                    "chrome",
                    new Chrome(title, section, viewer),
                    "feature",
                    feature)));
  }
}
