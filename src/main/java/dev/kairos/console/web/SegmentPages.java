package dev.kairos.console.web;

import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.store.ProfileQueries;
import dev.kairos.segment.MembershipVerdict;
import dev.kairos.segment.Segment;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.SegmentServices;
import dev.kairos.segment.store.MemberQueries;
import dev.kairos.segment.store.SizeStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Segments: the list with member counts, one segment's definition, members (paged, CSV) and size
 * over time, and a customer's memberships with their reasons. Everything is read through the
 * segment services the management API uses.
 */
public final class SegmentPages implements RouteGroup {
  static final int PAGE = 50;
  private static final int DAYS = 90;

  private final ConsoleAccess access;
  private final Pages pages;
  private final SegmentServices segments;
  private final ProfileQueries profiles;
  private final Clock clock;

  public SegmentPages(
      ConsoleAccess access,
      Pages pages,
      SegmentServices segments,
      ProfileQueries profiles,
      Clock clock) {
    this.access = access;
    this.pages = pages;
    this.segments = segments;
    this.profiles = profiles;
    this.clock = clock;
  }

  /** A row of the list. */
  public record Row(String key, String name, boolean builtIn, long members) {}

  /** A member as the segment page lists it. */
  public record Member(String profileId, String enteredAt) {}

  /** A customer's membership: the segment and why the person is in it (JSON, shown as text). */
  public record Membership(String key, String name, String enteredAt, String reasons) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/segments", access.page(this::list));
    routes.get("/segments/{key}", access.page(this::segment));
    routes.get("/segments/{key}/members.csv", access.page(this::csv));
    routes.get("/customers/{id}/segments", access.page(this::memberships));
  }

  private void list(Context ctx, Viewer viewer) {
    Map<String, Long> counts = segments.store().memberCounts();
    List<Row> rows = new ArrayList<>();
    for (Segment s : segments.store().all()) {
      rows.add(new Row(s.key(), s.name(), s.builtIn(), counts.getOrDefault(s.key(), 0L)));
    }
    pages.render(
        ctx,
        "segments.jte",
        "chrome",
        new Chrome("Segments", "segments", viewer),
        "rows",
        rows,
        "notice",
        "saved".equals(ctx.queryParam("done")) ? "The segment was saved." : null);
  }

  private void segment(Context ctx, Viewer viewer) throws IOException {
    Optional<Segment> found = segments.store().find(ctx.pathParam("key"));
    if (found.isEmpty()) {
      notFound(ctx, viewer, pages);
      return;
    }
    Segment segment = found.get();
    UUID after = uuid(ctx.queryParam("after")).orElse(null);
    List<Member> members = new ArrayList<>();
    for (MemberQueries.Member m : segments.members().members(segment.key(), after, PAGE + 1)) {
      members.add(new Member(m.profileId().toString(), m.enteredAt().toString()));
    }
    String next = null;
    if (members.size() > PAGE) {
      members = members.subList(0, PAGE);
      next = members.get(PAGE - 1).profileId();
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<String> days = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (SizeStore.Size s : segments.sizes().sizes(segment.key(), today.minusDays(DAYS - 1))) {
      days.add(s.day().toString());
      sizes.add(s.members());
    }
    Chart chart =
        days.isEmpty()
            ? null
            : new Chart(
                "line",
                days,
                List.of(new Chart.Series("Members", "line", sizes, 0)),
                false,
                "members",
                false,
                "");
    pages.render(
        ctx,
        "segment.jte",
        "chrome",
        new Chrome(segment.name(), "segments", viewer),
        "segment",
        segment,
        "condition",
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(segment.condition()),
        "count",
        segments.store().memberCount(segment.key()),
        "members",
        members,
        "next",
        next,
        "chart",
        chart == null ? null : chart.json(),
        "notice",
        "saved".equals(ctx.queryParam("done")) ? "The segment was saved." : null);
  }

  private void csv(Context ctx, Viewer viewer) {
    Optional<Segment> found = segments.store().find(ctx.pathParam("key"));
    if (found.isEmpty()) {
      notFound(ctx, viewer, pages);
      return;
    }
    Segment segment = found.get();
    Pages.headers(ctx);
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"segment-" + segment.key() + ".csv\"");
    try {
      OutputStream out = ctx.outputStream();
      out.write("profile_id,entered_at\n".getBytes(StandardCharsets.UTF_8));
      segments
          .members()
          .eachMember(
              segment.key(),
              m -> {
                try {
                  out.write(
                      (m.profileId() + "," + m.enteredAt() + "\n")
                          .getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fragment the 360° page loads: the person's segments, each with the reasons it holds. */
  private void memberships(Context ctx, Viewer viewer) throws IOException {
    Optional<UUID> found = CustomerPages.existing(ctx, profiles);
    if (found.isEmpty()) {
      CustomerPages.notFound(ctx, viewer, pages);
      return;
    }
    UUID id = found.get();
    List<MemberQueries.Membership> current = segments.members().memberships(id);
    List<SegmentCatalog.Active> of = new ArrayList<>();
    for (MemberQueries.Membership m : current) {
      segments.catalog().refresh().find(m.key()).ifPresent(of::add);
    }
    Map<String, MembershipVerdict> now = segments.reevaluation().explain(id, of);
    List<Membership> list = new ArrayList<>();
    for (MemberQueries.Membership m : current) {
      MembershipVerdict verdict = now.get(m.key());
      Object reasons = verdict != null && verdict.member() ? verdict.reasons() : m.reasons();
      list.add(
          new Membership(
              m.key(),
              m.name(),
              m.enteredAt().toString(),
              Json.MAPPER.writeValueAsString(reasons)));
    }
    pages.render(ctx, "customer-segments.jte", "memberships", list);
  }

  /** The console's page for a segment key that names none. */
  static void notFound(Context ctx, Viewer viewer, Pages pages) {
    pages.render(
        ctx,
        "notfound.jte",
        "chrome",
        new Chrome("Not found", "segments", viewer),
        "message",
        "No such segment.");
    ctx.status(404);
  }

  static Optional<UUID> uuid(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
