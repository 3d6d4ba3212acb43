package dev.kairos.channel.email.web;

import dev.kairos.channel.email.MachineOpens;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.Links;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public, unauthenticated tracking routes of email. {@code GET /t/o/{token}} answers a 1×1
 * transparent GIF and records "Email Opened"; {@code GET /t/c/{token}} records "Email Link Clicked"
 * and redirects to the URL signed into the token — only that one, so the route is no open redirect:
 * a token forged, altered or signed for another purpose answers 404. Both flag machine fetches
 * ({@code machine: true}, {@code proxy}: Apple Mail Privacy Protection, mail scanners).
 */
public final class EmailTrackingRoutes implements RouteGroup {
  public static final String OPENED = "Email Opened";
  public static final String CLICKED = "Email Link Clicked";

  /** The smallest transparent GIF (1×1). */
  private static final byte[] PIXEL =
      java.util.Base64.getDecoder()
          .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final Links links;
  private final DeliveryEvents events;
  private final Clock clock;

  public EmailTrackingRoutes(Links links, DeliveryEvents events, Clock clock) {
    this.links = links;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/t/o/{token}", this::open);
    routes.get("/t/c/{token}", this::click);
  }

  private void open(Context ctx) {
    Optional<Long> message = links.openMessage(ctx.pathParam("token"));
    if (message.isEmpty()) {
      throw HttpProblem.notFound("no such tracking link");
    }
    record(message.get(), OPENED, ctx, Map.of());
    ctx.header("Cache-Control", "no-store, max-age=0").contentType("image/gif").result(PIXEL);
  }

  private void click(Context ctx) {
    Optional<Links.Click> click = links.click(ctx.pathParam("token"));
    if (click.isEmpty() || !isWebLink(click.get().url())) {
      throw HttpProblem.notFound("no such tracking link");
    }
    record(click.get().messageId(), CLICKED, ctx, Map.of("url", click.get().url()));
    ctx.header("Cache-Control", "no-store, max-age=0");
    ctx.redirect(click.get().url(), HttpStatus.FOUND);
  }

  private void record(long messageId, String name, Context ctx, Map<String, Object> more) {
    MachineOpens.Fetcher fetcher = MachineOpens.of(ctx.userAgent());
    Map<String, Object> properties = new LinkedHashMap<>(more);
    properties.put("machine", fetcher.machine());
    fetcher.proxy().ifPresent(p -> properties.put("proxy", p));
    events.record(
        List.of(new DeliveryEvents.DeliveryEvent(messageId, name, properties, clock.instant())));
  }

  private static boolean isWebLink(String url) {
    return url.startsWith("https://") || url.startsWith("http://");
  }
}
