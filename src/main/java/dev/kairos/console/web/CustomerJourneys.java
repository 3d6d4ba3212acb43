package dev.kairos.console.web;

import dev.kairos.journey.store.JourneyQueries;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.ProfileQueries;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The 360° page's journeys: each run of the person with the trace of every step it took, as {@code
 * GET /api/profiles/{id}/journeys} answers it.
 */
public final class CustomerJourneys implements RouteGroup {
  private final ConsoleAccess access;
  private final Pages pages;
  private final ProfileQueries profiles;
  private final JourneyQueries journeys;

  CustomerJourneys(
      ConsoleAccess access, Pages pages, ProfileQueries profiles, JourneyQueries journeys) {
    this.access = access;
    this.pages = pages;
    this.profiles = profiles;
    this.journeys = journeys;
  }

  /** A run as the fragment shows it. */
  public record Run(
      String journey,
      int version,
      String status,
      String step,
      String enteredAt,
      List<Step> trace) {}

  /** One entry of a run's trace; {@code detail} is its JSON, shown as text. */
  public record Step(String at, String step, String type, String outcome, String detail) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/customers/{id}/journeys", access.page(this::runs));
  }

  private void runs(Context ctx, Viewer viewer) {
    Optional<UUID> id = CustomerPages.existing(ctx, profiles);
    if (id.isEmpty()) {
      CustomerPages.notFound(ctx, viewer, pages);
      return;
    }
    List<Run> runs = new ArrayList<>();
    for (JourneyQueries.RunView r : journeys.runsOf(id.get())) {
      runs.add(
          new Run(
              r.journey(),
              r.version(),
              r.status(),
              r.step() == null ? "" : r.step(),
              r.enteredAt().toString(),
              r.trace().stream()
                  .map(
                      t ->
                          new Step(
                              t.at().toString(),
                              t.step(),
                              t.type(),
                              t.outcome(),
                              t.detail() == null || t.detail().isEmpty()
                                  ? ""
                                  : t.detail().toString()))
                  .toList()));
    }
    pages.render(ctx, "customer-journeys.jte", "runs", runs);
  }
}
