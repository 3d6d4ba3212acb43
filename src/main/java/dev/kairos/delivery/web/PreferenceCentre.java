package dev.kairos.delivery.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.consent.ConsentSettings;
import dev.kairos.consent.MarketingConsent;
import dev.kairos.consent.store.ConsentStore;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.store.ReachableAddresses;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.platform.signing.Signer;
import dev.kairos.profile.AddressSuppression;
import dev.kairos.profile.ConsentChange;
import dev.kairos.profile.store.AddressSuppressionStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /preferences/{token}}: a person's preference centre, reached by the signed link in every
 * message. A plain HTML form (no JavaScript) lists each marketing topic for each channel the person
 * can be reached on (email, SMS); posting it records the changed answers (source {@value #SOURCE}),
 * or, with "Unsubscribe from everything", denies every topic of every channel and suppresses the
 * addresses for marketing (reason {@code unsubscribe}). The form carries a token signed for the
 * person ({@code form_token}), so a post must come from the page itself (CSRF).
 */
public final class PreferenceCentre implements RouteGroup {
  public static final String SOURCE = "preference_centre";
  static final String FORM_PURPOSE = "preferences-form";

  private final Links links;
  private final Signer signer;
  private final ConsentStore consent;
  private final ConsentSettings settings;
  private final ReachableAddresses addresses;
  private final AddressSuppressionStore suppressions;
  private final IdentifierNormaliser normaliser;

  public PreferenceCentre(
      Links links,
      Signer signer,
      ConsentStore consent,
      ConsentSettings settings,
      ReachableAddresses addresses,
      AddressSuppressionStore suppressions,
      IdentifierNormaliser normaliser) {
    this.links = links;
    this.signer = signer;
    this.consent = consent;
    this.settings = settings;
    this.addresses = addresses;
    this.suppressions = suppressions;
    this.normaliser = normaliser;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/preferences/{token}", this::show);
    routes.post("/preferences/{token}", this::save);
  }

  private void show(Context ctx) {
    noStore(ctx);
    Optional<Person> person = person(ctx);
    if (person.isEmpty()) {
      unknown(ctx);
      return;
    }
    ctx.html(page(ctx.pathParam("token"), person.get(), ""));
  }

  private void save(Context ctx) {
    noStore(ctx);
    Optional<Person> person = person(ctx);
    if (person.isEmpty()) {
      unknown(ctx);
      return;
    }
    Person p = person.get();
    String formToken = ctx.formParam("form_token");
    if (formToken == null
        || !signer.verify(FORM_PURPOSE, formToken).equals(Optional.of(p.id().toString()))) {
      ctx.status(403)
          .html(
              PublicPage.of(
                  "Not saved", "<p>This form is not valid any more: open the link again.</p>"));
      return;
    }
    List<ConsentChange> changes = new ArrayList<>();
    String notice;
    if ("unsubscribe_all".equals(ctx.formParam("action"))) {
      for (String channel : p.channels().keySet()) {
        changes.add(
            new ConsentChange(
                channel,
                ConsentChange.ALL_TOPICS,
                false,
                ConsentChange.DEFAULT_LEGAL_BASIS,
                SOURCE));
      }
      suppressAddresses(p);
      notice = "You are unsubscribed from everything.";
    } else {
      for (String channel : p.channels().keySet()) {
        for (String topic : settings.marketingTopics()) {
          boolean wanted = ctx.formParam(channel + "." + topic) != null;
          if (wanted != receives(p.consent(), channel, topic)) {
            changes.add(
                new ConsentChange(
                    channel, topic, wanted, ConsentChange.DEFAULT_LEGAL_BASIS, SOURCE));
          }
        }
      }
      notice = "Your choices are saved.";
    }
    ObjectNode after = p.consent();
    if (!changes.isEmpty()) {
      ConsentStore.Recorded recorded = consent.record(p.id(), changes);
      if (recorded instanceof ConsentStore.Recorded.Done done) {
        after = done.current().consent();
      }
    }
    ctx.html(
        page(
            ctx.pathParam("token"),
            new Person(p.id(), p.channels(), after),
            "<p role=\"status\"><strong>" + PublicPage.escape(notice) + "</strong></p>"));
  }

  private void suppressAddresses(Person p) {
    p.channels()
        .forEach(
            (channel, address) -> {
              String kind = channel.equals("sms") ? Identifier.PHONE : Identifier.EMAIL;
              normaliser
                  .normalise(kind, address)
                  .ifPresent(
                      identifier ->
                          suppressions.add(
                              identifier,
                              AddressSuppression.UNSUBSCRIBE,
                              "unsubscribed from everything",
                              SOURCE));
            });
  }

  /** Whether the person receives the topic now: their answer, else legitimate interest. */
  private boolean receives(ObjectNode consent, String channel, String topic) {
    return MarketingConsent.answer(consent, channel, topic)
        .orElse(settings.legitimateInterest().contains(topic));
  }

  private String page(String token, Person p, String notice) {
    StringBuilder html = new StringBuilder(notice);
    if (p.channels().isEmpty()) {
      html.append("<p>We have no email address or phone number for you.</p>");
      return PublicPage.of("Your preferences", html.toString());
    }
    html.append("<form method=\"post\" action=\"/preferences/")
        .append(PublicPage.escape(token))
        .append("\"><input type=\"hidden\" name=\"form_token\" value=\"")
        .append(PublicPage.escape(signer.sign(FORM_PURPOSE, p.id().toString())))
        .append("\"><table><tr><th>What you receive</th>");
    p.channels()
        .keySet()
        .forEach(
            channel ->
                html.append("<th>")
                    .append(channel.equals("sms") ? "SMS" : "Email")
                    .append("</th>"));
    html.append("</tr>");
    for (String topic : settings.marketingTopics()) {
      html.append("<tr><td>")
          .append(PublicPage.escape(PublicPage.topicName(topic)))
          .append("</td>");
      for (String channel : p.channels().keySet()) {
        String name = channel + "." + topic;
        html.append("<td><input type=\"checkbox\" name=\"")
            .append(PublicPage.escape(name))
            .append("\" aria-label=\"")
            .append(PublicPage.escape(PublicPage.topicName(topic) + " by " + channel))
            .append("\"")
            .append(receives(p.consent(), channel, topic) ? " checked" : "")
            .append("></td>");
      }
      html.append("</tr>");
    }
    html.append(
        "</table><p><button type=\"submit\" name=\"action\" value=\"save\">Save</button></p>"
            + "<p><button type=\"submit\" name=\"action\" value=\"unsubscribe_all\">"
            + "Unsubscribe from everything</button></p></form>"
            + "<p>Messages about your orders and account are still sent.</p>");
    return PublicPage.of("Your preferences", html.toString());
  }

  /** The person a link is for: their channels (with the address) and their consent now. */
  private record Person(UUID id, Map<String, String> channels, ObjectNode consent) {}

  private Optional<Person> person(Context ctx) {
    Optional<UUID> id = links.preferencesProfile(ctx.pathParam("token"));
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<ReachableAddresses.Addresses> reachable = addresses.of(id.get());
    Optional<ConsentStore.Current> current = consent.current(id.get());
    if (reachable.isEmpty() || current.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> channels = new LinkedHashMap<>();
    if (reachable.get().email() != null) {
      channels.put("email", reachable.get().email());
    }
    if (reachable.get().phone() != null) {
      channels.put("sms", reachable.get().phone());
    }
    return Optional.of(new Person(current.get().profileId(), channels, current.get().consent()));
  }

  private static void unknown(Context ctx) {
    ctx.status(404)
        .html(PublicPage.of("Link not valid", "<p>This preferences link is not valid.</p>"));
  }

  private static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
  }
}
