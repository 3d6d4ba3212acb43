package dev.kairos.delivery.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.delivery.bounce.BounceReport;
import dev.kairos.delivery.bounce.MailReports;
import dev.kairos.delivery.bounce.ProviderNotices;
import dev.kairos.delivery.store.BounceHandler;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounce and complaint input. {@code POST /api/bounces}: a DSN (RFC 3464) or ARF report (RFC 5965)
 * as the raw message (what a bounce mailbox receives; the admin token as for every {@code /api}
 * route). {@code POST /webhooks/ses} (Amazon SES through SNS) and {@code POST /webhooks/postmark}:
 * provider webhooks, which send HTTP Basic credentials (any user name, an admin or API token as the
 * password) or a Bearer token.
 */
public final class BounceRoutes implements RouteGroup {
  private static final Logger LOG = LoggerFactory.getLogger(BounceRoutes.class);
  static final int MAX_BODY = 2 * 1024 * 1024;

  private final BounceHandler handler;
  private final Predicate<String> tokens;

  /**
   * @param tokens whether a token may post webhooks (the admin token, an API token)
   */
  public BounceRoutes(BounceHandler handler, Predicate<String> tokens) {
    this.handler = handler;
    this.tokens = tokens;
  }

  /** What a posted report did, one entry per recipient. */
  public record BounceResponse(String format, List<BounceHandler.Handled> reports) {}

  /** A webhook that was well formed but had nothing to act on, or asks to be confirmed. */
  public record NoticeResponse(String format, String ignored) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/bounces", this::mail);
    routes.post("/webhooks/ses", this::ses);
    routes.post("/webhooks/postmark", this::postmark);
  }

  private void mail(Context ctx) {
    String body = body(ctx);
    MailReports.Reading reading = MailReports.read(body);
    if (reading instanceof MailReports.Reading.Unreadable unreadable) {
      throw HttpProblem.badRequest("body", unreadable.reason());
    }
    MailReports.Reading.Reports reports = (MailReports.Reading.Reports) reading;
    ctx.json(
        new BounceResponse(reports.format(), handler.handle(reports.format(), reports.reports())));
  }

  private void ses(Context ctx) {
    authorise(ctx);
    notice(ctx, "ses", ProviderNotices.ses(json(ctx), Json.MAPPER));
  }

  private void postmark(Context ctx) {
    authorise(ctx);
    notice(ctx, "postmark", ProviderNotices.postmark(json(ctx)));
  }

  private void notice(Context ctx, String format, ProviderNotices.Notice notice) {
    if (notice instanceof ProviderNotices.Notice.Unreadable unreadable) {
      throw HttpProblem.badRequest("body", unreadable.reason());
    }
    if (notice instanceof ProviderNotices.Notice.SubscriptionConfirmation confirmation) {
      LOG.warn(
          "Amazon SNS asks to confirm the subscription of /webhooks/ses: open {}",
          confirmation.subscribeUrl());
      ctx.json(new NoticeResponse(format, "subscription confirmation (logged)"));
      return;
    }
    if (notice instanceof ProviderNotices.Notice.Ignored ignored) {
      ctx.json(new NoticeResponse(format, ignored.what()));
      return;
    }
    List<BounceReport> reports = ((ProviderNotices.Notice.Reports) notice).reports();
    ctx.json(new BounceResponse(format, handler.handle(format, reports)));
  }

  /** Webhooks are public routes: they carry a token as Basic password or Bearer. */
  private void authorise(Context ctx) {
    String header = ctx.header("Authorization");
    String token = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).strip();
    } else if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        token = pair.substring(pair.indexOf(':') + 1);
      } catch (IllegalArgumentException e) {
        token = null;
      }
    }
    if (token == null || token.isEmpty() || !tokens.test(token)) {
      throw HttpProblem.unauthorized(
          "send an admin or API token as the Basic password (https://kairos:TOKEN@host/…) or Bearer");
    }
  }

  private static String body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0 || bytes.length > MAX_BODY) {
      throw HttpProblem.badRequest("body", "the body must be the report message, 1 byte to 2 MB");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static JsonNode json(Context ctx) {
    try {
      JsonNode json = Json.MAPPER.readTree(body(ctx));
      if (json != null && json.isObject()) {
        return json;
      }
    } catch (IOException e) {
      // answered below
    }
    throw HttpProblem.badRequest("body", "the body must be a JSON object");
  }
}
