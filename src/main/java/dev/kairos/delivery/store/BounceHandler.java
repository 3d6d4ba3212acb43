package dev.kairos.delivery.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.bounce.BounceReport;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.AddressSuppression;
import dev.kairos.profile.store.AddressSuppressionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Acts on bounce and complaint reports, whatever format they came in: a hard bounce or a complaint
 * suppresses the address, a soft bounce counts towards {@link
 * AddressSuppression#SOFT_BOUNCES_ALLOWED} in a row, a delivery resets that count. Each bounce and
 * complaint is recorded as an "Email Bounced" / "Email Marked as Spam" event on the message it is
 * about: the one the quoted List-Unsubscribe link names, else the last email sent to the address.
 */
public final class BounceHandler {
  public static final String BOUNCED = "Email Bounced";
  public static final String MARKED_AS_SPAM = "Email Marked as Spam";

  private final Database database;
  private final AddressSuppressionStore suppressions;
  private final IdentifierNormaliser normaliser;
  private final Links links;
  private final DeliveryEvents events;
  private final Clock clock;

  public BounceHandler(
      Database database,
      AddressSuppressionStore suppressions,
      IdentifierNormaliser normaliser,
      Links links,
      DeliveryEvents events,
      Clock clock) {
    this.database = database;
    this.suppressions = suppressions;
    this.normaliser = normaliser;
    this.links = links;
    this.events = events;
    this.clock = clock;
  }

  /** What became of one report. {@code suppressed}: the address is suppressed after it. */
  public record Handled(
      String recipient,
      String kind,
      boolean suppressed,
      String reason,
      @JsonProperty("message_id") Long messageId) {}

  public List<Handled> handle(String source, List<BounceReport> reports) {
    List<Handled> handled = new ArrayList<>();
    List<DeliveryEvents.DeliveryEvent> recorded = new ArrayList<>();
    for (BounceReport report : reports) {
      Optional<Identifier> address = normaliser.normalise(Identifier.EMAIL, report.recipient());
      if (address.isEmpty()) {
        handled.add(
            new Handled(report.recipient(), kind(report), false, "not an email address", null));
        continue;
      }
      Long message = message(report, address.get()).orElse(null);
      Optional<AddressSuppression> suppression = act(source, report, address.get());
      handled.add(
          new Handled(
              address.get().value(),
              kind(report),
              suppression.isPresent(),
              suppression.map(AddressSuppression::reason).orElse(null),
              message));
      if (message != null && !(report instanceof BounceReport.Delivered)) {
        recorded.add(event(source, report, message));
      }
    }
    if (!recorded.isEmpty()) {
      events.record(recorded);
    }
    return handled;
  }

  private Optional<AddressSuppression> act(String source, BounceReport report, Identifier address) {
    if (report instanceof BounceReport.Bounce bounce && bounce.hard()) {
      return Optional.of(
          suppressions
              .add(address, AddressSuppression.HARD_BOUNCE, detail(bounce), source)
              .suppression());
    }
    if (report instanceof BounceReport.Bounce bounce) {
      return suppressions.softBounce(address, detail(bounce), source).suppression();
    }
    if (report instanceof BounceReport.Complaint complaint) {
      return Optional.of(
          suppressions
              .add(
                  address,
                  AddressSuppression.COMPLAINT,
                  "feedback type " + complaint.feedbackType(),
                  source)
              .suppression());
    }
    suppressions.delivered(address);
    return suppressions.active(address);
  }

  private DeliveryEvents.DeliveryEvent event(String source, BounceReport report, long message) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("channel", "email");
    properties.put("source", source);
    String name = BOUNCED;
    if (report instanceof BounceReport.Bounce bounce) {
      properties.put("bounce_type", bounce.hard() ? "hard" : "soft");
      properties.put("status", bounce.status());
      properties.put("diagnostic", bounce.diagnostic());
    } else if (report instanceof BounceReport.Complaint complaint) {
      name = MARKED_AS_SPAM;
      properties.put("feedback_type", complaint.feedbackType());
    }
    return new DeliveryEvents.DeliveryEvent(message, name, properties, clock.instant());
  }

  private static String detail(BounceReport.Bounce bounce) {
    String detail = (bounce.status() + " " + bounce.diagnostic()).strip();
    return detail.length() > 500 ? detail.substring(0, 500) : detail;
  }

  private static String kind(BounceReport report) {
    if (report instanceof BounceReport.Bounce bounce) {
      return bounce.hard() ? "hard_bounce" : "soft_bounce";
    }
    return report instanceof BounceReport.Complaint ? "complaint" : "delivered";
  }

  /** The Kairos message a report is about. */
  private Optional<Long> message(BounceReport report, Identifier address) {
    Optional<Long> linked =
        report
            .unsubscribeUrl()
            .map(url -> url.substring(url.lastIndexOf('/') + 1))
            .flatMap(links::unsubscribeMessage);
    if (linked.isPresent()) {
      return linked;
    }
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select m.id from messages m join identifiers i on i.profile_id = m.profile_id"
                        + " where i.kind = 'email' and i.value = ? and m.channel = 'email'"
                        + " and m.sent_at is not null order by m.sent_at desc, m.id desc limit 1",
                    rs -> rs.getLong(1),
                    address.value())
                .stream()
                .findFirst());
  }
}
