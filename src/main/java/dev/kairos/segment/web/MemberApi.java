package dev.kairos.segment.web;

import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.segment.MembershipVerdict;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.membership.RealTimeMembership;
import dev.kairos.segment.store.MemberQueries;
import dev.kairos.segment.store.Reevaluation;
import dev.kairos.segment.store.SegmentStore;
import dev.kairos.segment.store.SizeStore;
import dev.kairos.segment.web.SegmentResponses.Member;
import dev.kairos.segment.web.SegmentResponses.MemberPage;
import dev.kairos.segment.web.SegmentResponses.ProfileSegment;
import dev.kairos.segment.web.SegmentResponses.ProfileSegments;
import dev.kairos.segment.web.SegmentResponses.Size;
import dev.kairos.segment.web.SegmentResponses.Sizes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/** Who is in a segment (paged, CSV), its size over time, and a profile's segments with reasons. */
public final class MemberApi implements RouteGroup {
  private static final int MAX_LIMIT = 1_000;
  private static final int MAX_DAYS = 3_660;

  /** How long a read waits for memberships to catch up with the events applied before it. */
  static final Duration PATIENCE = Duration.ofSeconds(2);

  private final SegmentStore segments;
  private final SegmentCatalog catalog;
  private final MemberQueries members;
  private final SizeStore sizes;
  private final Reevaluation reevaluation;
  private final RealTimeMembership realTime;
  private final LongSupplier appended;
  private final Clock clock;

  public MemberApi(
      SegmentStore segments,
      SegmentCatalog catalog,
      MemberQueries members,
      SizeStore sizes,
      Reevaluation reevaluation,
      RealTimeMembership realTime,
      LongSupplier appended,
      Clock clock) {
    this.segments = segments;
    this.catalog = catalog;
    this.members = members;
    this.sizes = sizes;
    this.reevaluation = reevaluation;
    this.realTime = realTime;
    this.appended = appended;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/segments/{key}/members", this::members);
    routes.get("/api/segments/{key}/members.csv", this::csv);
    routes.get("/api/segments/{key}/sizes", this::sizes);
    routes.get("/api/profiles/{id}/segments", this::profileSegments);
  }

  private void members(Context ctx) {
    QueryParameters.only(ctx, Set.of("limit", "after"));
    String key = existing(ctx);
    int limit = QueryParameters.limit(ctx, 100, MAX_LIMIT);
    UUID after = ctx.queryParam("after") == null ? null : uuid(ctx.queryParam("after"), "after");
    caughtUp();
    List<Member> page = new ArrayList<>();
    for (MemberQueries.Member m : members.members(key, after, limit + 1)) {
      page.add(new Member(m.profileId(), m.enteredAt()));
    }
    String next = null;
    if (page.size() > limit) {
      page = page.subList(0, limit);
      next = page.get(limit - 1).profileId().toString();
    }
    ctx.json(new MemberPage(page, next));
  }

  private void csv(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    String key = existing(ctx);
    caughtUp();
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"segment-" + key + ".csv\"");
    try {
      OutputStream out = ctx.outputStream();
      out.write("profile_id,entered_at\n".getBytes(StandardCharsets.UTF_8));
      members.eachMember(
          key,
          m -> {
            try {
              out.write(
                  (m.profileId() + "," + m.enteredAt() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void sizes(Context ctx) {
    QueryParameters.only(ctx, Set.of("days"));
    String key = existing(ctx);
    int days = 90;
    String value = ctx.queryParam("days");
    if (value != null) {
      try {
        days = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        days = -1;
      }
      if (days < 1 || days > MAX_DAYS) {
        throw HttpProblem.badRequest("days", "days must be a number from 1 to " + MAX_DAYS);
      }
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Size> list = new ArrayList<>();
    for (SizeStore.Size s : sizes.sizes(key, today.minusDays(days - 1L))) {
      list.add(new Size(s.day(), s.members()));
    }
    ctx.json(new Sizes(key, list));
  }

  private void profileSegments(Context ctx) {
    QueryParameters.only(ctx, Set.of());
    UUID requested = uuid(ctx.pathParam("id"), "id");
    UUID id = members.surviving(requested);
    if (!members.exists(id)) {
      throw HttpProblem.notFound("no such profile");
    }
    caughtUp();
    List<MemberQueries.Membership> current = members.memberships(id);
    List<SegmentCatalog.Active> of = new ArrayList<>();
    for (MemberQueries.Membership m : current) {
      catalog.refresh().find(m.key()).ifPresent(of::add);
    }
    Map<String, MembershipVerdict> now = reevaluation.explain(id, of);
    List<ProfileSegment> list = new ArrayList<>();
    for (MemberQueries.Membership m : current) {
      MembershipVerdict verdict = now.get(m.key());
      list.add(
          new ProfileSegment(
              m.key(),
              m.name(),
              m.enteredAt(),
              verdict != null && verdict.member() ? verdict.reasons() : m.reasons()));
    }
    ctx.json(new ProfileSegments(list));
  }

  /** Waits (a little) until memberships reflect the events this node acknowledged before. */
  private void caughtUp() {
    try {
      realTime.awaitEvaluated(appended.getAsLong(), PATIENCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String existing(Context ctx) {
    String key = ctx.pathParam("key");
    if (segments.find(key).isEmpty()) {
      throw HttpProblem.notFound("no segment " + key);
    }
    return key;
  }

  private static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest(field, field + " must be a profile id (a UUID)");
    }
  }
}
