package dev.kairos.channel.store;

import dev.kairos.channel.DeliveryReceipt;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies providers' delivery receipts to the outbox: the message the provider id names becomes
 * {@code delivered} (or {@code failed} with the provider's reason) unless a later status already
 * holds, and its event ({@code SMS Delivered}, {@code WhatsApp Read} …) is recorded on the person's
 * profile through {@link DeliveryEvents}. A repeated receipt records the same event again, which
 * the events' derived message ids store once.
 */
public final class ReceiptLedger {
  private final Database database;
  private final DeliveryEvents events;
  private final Clock clock;

  public ReceiptLedger(Database database, DeliveryEvents events, Clock clock) {
    this.database = database;
    this.events = events;
    this.clock = clock;
  }

  record Target(long id, String journey, String step, String template, String status) {}

  /** Applies one receipt; false when no message of the channel has its provider id. */
  public boolean apply(DeliveryReceipt receipt) {
    Optional<Target> target =
        database.inTransaction(
            c -> {
              Optional<Target> found =
                  Sql.list(
                          c,
                          "select id, journey_key, step, template, status from messages"
                              + " where channel = ? and provider_id = ? for update",
                          rs ->
                              new Target(
                                  rs.getLong(1),
                                  rs.getString(2),
                                  rs.getString(3),
                                  rs.getString(4),
                                  rs.getString(5)),
                          receipt.channel(),
                          receipt.providerId())
                      .stream()
                      .findFirst();
              if (found.isPresent()) {
                boolean delivered = receipt.outcome() != DeliveryReceipt.Outcome.UNDELIVERED;
                Sql.update(
                    c,
                    "update messages set status = ?, reason = ?, updated_at = ?"
                        + " where id = ? and status in ('sent', ?)",
                    delivered ? "delivered" : "failed",
                    delivered ? null : "undelivered: " + receipt.error(),
                    Sql.timestamp(clock.instant()),
                    found.get().id(),
                    delivered ? "delivered" : "sent");
              }
              return found;
            });
    target.ifPresent(t -> events.record(List.of(event(receipt, t))));
    return target.isPresent();
  }

  private static DeliveryEvents.DeliveryEvent event(DeliveryReceipt receipt, Target t) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("message_id", t.id());
    properties.put("channel", receipt.channel());
    properties.put("provider_id", receipt.providerId());
    if (t.journey() != null) {
      properties.put("journey", t.journey());
      properties.put("step", t.step());
    }
    properties.put("template", t.template());
    if (receipt.error() != null) {
      properties.put("error", receipt.error());
    }
    return new DeliveryEvents.DeliveryEvent(t.id(), receipt.eventName(), properties, receipt.at());
  }
}
