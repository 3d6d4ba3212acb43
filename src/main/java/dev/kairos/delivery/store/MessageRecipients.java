package dev.kairos.delivery.store;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.util.Optional;
import java.util.UUID;

/** Who a message of the outbox was for, on which channel and topic (for its public links). */
public final class MessageRecipients {
  private final Database database;

  public MessageRecipients(Database database) {
    this.database = database;
  }

  /** A message's person, channel and topic, and the address the person has on it now. */
  public record Recipient(
      long messageId, UUID profileId, String channel, String topic, String address) {}

  /** The message's recipient; empty when the message is gone (its person was deleted). */
  public Optional<Recipient> of(long messageId) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select m.id, m.profile_id, m.channel, m.topic,"
                        + " case when m.channel in ('sms', 'whatsapp') then p.traits ->> 'phone'"
                        + " else p.traits ->> 'email' end as address"
                        + " from messages m left join profiles p on p.id = m.profile_id"
                        + " where m.id = ?",
                    rs ->
                        new Recipient(
                            rs.getLong(1),
                            Sql.uuid(rs, "profile_id"),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5)),
                    messageId)
                .stream()
                .findFirst());
  }
}
