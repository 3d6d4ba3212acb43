package dev.kairos.delivery.web;

import dev.kairos.consent.ConsentSettings;
import dev.kairos.consent.MarketingConsent;
import dev.kairos.consent.store.ConsentStore;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.store.MessageRecipients;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.profile.ConsentChange;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /u/{token}}, the unsubscribe link of every message (RFC 8058). {@code POST} unsubscribes
 * in one step, with no cookie, login or confirmation: the person's consent for the message's
 * channel and topic is denied (a transactional message's link denies every marketing topic of the
 * channel) and an "Unsubscribed" event recorded; it answers 200 with a short page, never a
 * redirect, and repeating it changes nothing more. {@code GET} shows a page with a button that
 * posts, and changes nothing (mail scanners follow links).
 */
public final class UnsubscribeRoutes implements RouteGroup {
  public static final String ONE_CLICK_SOURCE = "one_click_unsubscribe";
  public static final String PAGE_SOURCE = "unsubscribe_page";

  private final Links links;
  private final MessageRecipients recipients;
  private final ConsentStore consent;
  private final DeliveryEvents events;
  private final Clock clock;

  public UnsubscribeRoutes(
      Links links,
      MessageRecipients recipients,
      ConsentStore consent,
      DeliveryEvents events,
      Clock clock) {
    this.links = links;
    this.recipients = recipients;
    this.consent = consent;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/u/{token}", this::page);
    routes.post("/u/{token}", this::unsubscribe);
  }

  private void page(Context ctx) {
    noStore(ctx);
    Optional<MessageRecipients.Recipient> recipient = recipient(ctx);
    if (recipient.isEmpty()) {
      unknown(ctx);
      return;
    }
    String token = ctx.pathParam("token");
    ctx.html(
        PublicPage.of(
            "Unsubscribe",
            "<p>Stop receiving "
                + PublicPage.escape(what(recipient.get()))
                + " by "
                + PublicPage.escape(recipient.get().channel())
                + "?</p><form method=\"post\" action=\"/u/"
                + PublicPage.escape(token)
                + "\"><button type=\"submit\">Unsubscribe</button></form>"
                + "<p><a href=\""
                + PublicPage.escape(links.preferencesUrl(recipient.get().profileId()))
                + "\">Choose what you receive</a></p>"));
  }

  private void unsubscribe(Context ctx) {
    noStore(ctx);
    Optional<MessageRecipients.Recipient> recipient = recipient(ctx);
    if (recipient.isEmpty()) {
      if (links.unsubscribeMessage(ctx.pathParam("token")).isPresent()) {
        // the message went with its deleted person, who is never messaged again anyway
        ctx.html(PublicPage.of("Unsubscribed", "<p>You will not receive these messages.</p>"));
      } else {
        unknown(ctx);
      }
      return;
    }
    MessageRecipients.Recipient r = recipient.get();
    boolean oneClick = "One-Click".equals(ctx.formParam("List-Unsubscribe"));
    String topic = topic(r);
    Optional<ConsentStore.Current> now = consent.current(r.profileId());
    boolean denied =
        now.flatMap(c -> MarketingConsent.answer(c.consent(), r.channel(), topic))
            .map(granted -> !granted)
            .orElse(false);
    if (now.isPresent() && !denied) {
      consent.record(
          r.profileId(),
          List.of(
              new ConsentChange(
                  r.channel(),
                  topic,
                  false,
                  ConsentChange.DEFAULT_LEGAL_BASIS,
                  oneClick ? ONE_CLICK_SOURCE : PAGE_SOURCE)));
      events.record(
          List.of(
              new DeliveryEvents.DeliveryEvent(
                  r.messageId(),
                  "Unsubscribed",
                  Map.of(
                      "channel",
                      r.channel(),
                      "topic",
                      topic,
                      "method",
                      oneClick ? "one_click" : "page"),
                  clock.instant())));
    }
    ctx.html(
        PublicPage.of(
            "Unsubscribed",
            "<p>You will no longer receive "
                + PublicPage.escape(what(r))
                + " by "
                + PublicPage.escape(r.channel())
                + ".</p><p><a href=\""
                + PublicPage.escape(links.preferencesUrl(r.profileId()))
                + "\">Choose what you receive</a></p>"));
  }

  /** The topic unsubscribed from: the message's, or every one for a transactional message. */
  private static String topic(MessageRecipients.Recipient r) {
    return r.topic().equals(ConsentSettings.TRANSACTIONAL) ? ConsentChange.ALL_TOPICS : r.topic();
  }

  private static String what(MessageRecipients.Recipient r) {
    String topic = topic(r);
    return topic.equals(ConsentChange.ALL_TOPICS)
        ? "marketing messages"
        : PublicPage.topicName(topic).toLowerCase(java.util.Locale.ROOT) + " messages";
  }

  private Optional<MessageRecipients.Recipient> recipient(Context ctx) {
    return links.unsubscribeMessage(ctx.pathParam("token")).flatMap(recipients::of);
  }

  private static void unknown(Context ctx) {
    ctx.status(404)
        .html(PublicPage.of("Link not valid", "<p>This unsubscribe link is not valid.</p>"));
  }

  private static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
  }
}
