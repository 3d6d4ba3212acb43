package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.channel.store.ReceiptLedger;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A receipt finds its message by the provider's id, moves it to {@code delivered} (or {@code
 * failed}) without undoing a later status, and hands its event to the delivery events; a receipt
 * for an id Kairos never sent changes nothing.
 */
class ReceiptLedgerTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-08T00:00:00Z"));
  static Database database;
  final List<DeliveryEvents.DeliveryEvent> recorded = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    database = TestDatabase.fresh();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void a_delivered_receipt_marks_the_message_and_records_sms_delivered_with_its_journey() {
    long id = message("SM-1", "sent");
    ReceiptLedger ledger = new ReceiptLedger(database, recorded::addAll, CLOCK);
    Instant at = Instant.parse("2026-12-08T00:00:05Z");

    assertThat(ledger.apply(receipt("SM-1", DeliveryReceipt.Outcome.DELIVERED, null, at))).isTrue();

    assertThat(status(id)).isEqualTo("delivered");
    assertThat(recorded).hasSize(1);
    DeliveryEvents.DeliveryEvent event = recorded.get(0);
    assertThat(event.name()).isEqualTo("SMS Delivered");
    assertThat(event.messageId()).isEqualTo(id);
    assertThat(event.at()).isEqualTo(at);
    assertThat(event.properties())
        .containsEntry("message_id", id)
        .containsEntry("journey", "cart")
        .containsEntry("step", "first")
        .containsEntry("template", "cart-sms")
        .containsEntry("provider_id", "SM-1");
  }

  @Test
  void an_undelivered_receipt_after_delivery_does_not_undo_it_and_an_unknown_id_is_ignored() {
    long id = message("SM-2", "sent");
    ReceiptLedger ledger = new ReceiptLedger(database, recorded::addAll, CLOCK);

    ledger.apply(receipt("SM-2", DeliveryReceipt.Outcome.DELIVERED, null, CLOCK.instant()));
    ledger.apply(receipt("SM-2", DeliveryReceipt.Outcome.UNDELIVERED, "30003", CLOCK.instant()));
    boolean unknown =
        ledger.apply(receipt("SM-never", DeliveryReceipt.Outcome.DELIVERED, null, CLOCK.instant()));

    assertThat(status(id)).isEqualTo("delivered");
    assertThat(unknown).isFalse();
    assertThat(recorded)
        .extracting(DeliveryEvents.DeliveryEvent::name)
        .containsExactly("SMS Delivered", "SMS Undelivered");
  }

  @Test
  void an_undelivered_receipt_fails_a_sent_message_with_the_reason() {
    long id = message("SM-3", "sent");
    new ReceiptLedger(database, recorded::addAll, CLOCK)
        .apply(
            receipt(
                "SM-3",
                DeliveryReceipt.Outcome.UNDELIVERED,
                "undelivered (Twilio error 30003)",
                CLOCK.instant()));

    assertThat(status(id)).isEqualTo("failed");
  }

  static DeliveryReceipt receipt(
      String sid, DeliveryReceipt.Outcome outcome, String error, Instant at) {
    return new DeliveryReceipt("sms", sid, outcome, error, at);
  }

  static long message(String providerId, String status) {
    return database.inTransaction(
        c ->
            Sql.list(
                    c,
                    "insert into messages (idempotency_key, journey_key, step, profile_id, channel,"
                        + " template, topic, priority, status, due_at, created_at, updated_at,"
                        + " provider_id) values (?, 'cart', 'first', ?, 'sms', 'cart-sms',"
                        + " 'promotions', 1, ?, now(), now(), now(), ?) returning id",
                    rs -> rs.getLong(1),
                    "k-" + providerId,
                    UUID.randomUUID(),
                    status,
                    providerId)
                .get(0));
  }

  static String status(long id) {
    return database.read(
        c ->
            Sql.list(c, "select status from messages where id = ?", rs -> rs.getString(1), id)
                .get(0));
  }
}
