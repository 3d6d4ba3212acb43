package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The events the processor could not apply and passed over (table {@code event_failures}). */
public final class EventFailures {
  private final Database database;
  private final ObjectMapper mapper;
  private final EventApplier applier;
  private final Clock clock;

  public EventFailures(Database database, ObjectMapper mapper, EventApplier applier, Clock clock) {
    this.database = database;
    this.mapper = mapper;
    this.applier = applier;
    this.clock = clock;
  }

  /** What a retry did: the events applied now, and those that failed again with their error. */
  public record Retried(List<Long> applied, List<StillFailing> stillFailing) {}

  public record StillFailing(long seq, String error) {}

  /**
   * Applies the oldest {@code limit} failed events again, once their cause is fixed. See {@link
   * #retry(long)}.
   */
  public Retried retryOldest(int limit) {
    List<Long> seqs =
        database.read(
            c ->
                Sql.list(
                    c,
                    "select seq from event_failures order by seq limit ?",
                    rs -> rs.getLong(1),
                    limit));
    List<Long> applied = new ArrayList<>();
    List<StillFailing> stillFailing = new ArrayList<>();
    for (long seq : seqs) {
      retry(seq)
          .ifPresent(
              outcome -> {
                applied.addAll(outcome.applied());
                stillFailing.addAll(outcome.stillFailing());
              });
    }
    return new Retried(applied, stillFailing);
  }

  /**
   * Applies one failed event again, in a transaction of its own holding the processor's cursor (so
   * no group is applied meanwhile, and processors drop their cached profiles). It is applied as if
   * it arrived now, after the events the log has taken since: for traits, the newest applied value
   * wins. Applied, it leaves {@code event_failures}; failing again, it stays with the new error.
   * Empty when {@code seq} is not a failed event.
   */
  public Optional<Retried> retry(long seq) {
    try {
      boolean found = database.inTransaction(c -> applyAgain(c, seq));
      return found ? Optional.of(new Retried(List.of(seq), List.of())) : Optional.empty();
    } catch (RuntimeException e) {
      String error = String.valueOf(e.getCause() instanceof SQLException ? e.getCause() : e);
      // a deleted person's event keeps its error withheld: the database's message may quote it
      List<String> recorded =
          database.inTransaction(
              c ->
                  Sql.list(
                      c,
                      "update event_failures set error = case when error = ? then error else ? end,"
                          + " failed_at = ? where seq = ? returning error",
                      rs -> rs.getString(1),
                      EventProcessor.WITHHELD,
                      error,
                      Sql.timestamp(clock.instant()),
                      seq));
      return recorded.isEmpty()
          ? Optional.empty()
          : Optional.of(new Retried(List.of(), List.of(new StillFailing(seq, recorded.get(0)))));
    }
  }

  private boolean applyAgain(Connection c, long seq) throws SQLException {
    EventCursor.lockForChange(c);
    if (Sql.update(c, "delete from event_failures where seq = ?", seq) == 0) {
      return false;
    }
    List<String> payload =
        Sql.list(c, "select payload from events where seq = ?", rs -> rs.getString(1), seq);
    if (!payload.isEmpty()) { // else the event was deleted since (with its person): nothing to do
      TrackedEvent event = TrackedEvent.fromStored(mapper, payload.get(0));
      applier.apply(
          c,
          List.of(new EventApplier.Logged(seq, applier.prepare(event))),
          new ProcessorCache(1_000));
    }
    return true;
  }

  /** The newest failures first, each with its event as stored in the log. */
  public ArrayNode newest(int limit, int offset) {
    return database.read(
        c -> {
          ArrayNode failures = mapper.createArrayNode();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select f.seq, f.error, f.failed_at, e.payload from event_failures f"
                      + " left join events e on e.seq = f.seq"
                      + " order by f.seq desc limit ? offset ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ObjectNode failure = failures.addObject();
                failure.put("seq", rs.getLong("seq"));
                failure.put("error", rs.getString("error"));
                failure.put("failed_at", rs.getTimestamp("failed_at").toInstant().toString());
                String payload = rs.getString("payload");
                if (payload == null) {
                  failure.putNull("event");
                } else {
                  failure.set("event", mapper.readTree(payload));
                }
              }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              throw new IllegalStateException("an event in the log is not JSON", e);
            }
          }
          return failures;
        });
  }

  /** How many events are waiting in the failure table (applied by no node yet). */
  public long count() {
    return database.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("select count(*) from event_failures");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
