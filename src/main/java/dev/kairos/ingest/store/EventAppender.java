package dev.kairos.ingest.store;

import dev.kairos.ingest.Appended;
import dev.kairos.ingest.EventSink;
import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores groups of events in the log: skips repeated {@code messageId}s, numbers the new events and
 * appends them in one transaction. Repeats are rare, so a group is usually appended without looking
 * its message ids up first: the exclusion constraint on message_id (a hash index, V13) refuses a
 * group holding a repeat, and that group is appended again, looking them up ({@link
 * RepeatedMessageIds} says when to look first). Once committed, they are handed to the processor on
 * this node (which applies them to identity and profiles), so it need not read them back.
 *
 * @param <X> what the processor works out from an event alone, done here on the request thread
 */
public final class EventAppender<X> implements EventSink<EventAppender.Entry<X>> {

  /**
   * An event as it waits to be appended: its log row and the processor's precomputed part. Not the
   * parsed event: its tree (some fifty objects) would live until the group commits, and every young
   * collection in between would copy it.
   */
  public record Entry<X>(EventLog.Row row, X work) {}

  private static final Logger LOG = LoggerFactory.getLogger(EventAppender.class);
  private static final Duration SLOW = Duration.ofMillis(100);

  private final Database database;
  private final Function<TrackedEvent, X> prepare;
  private final Consumer<Appended<X>> processor;
  private final EventWatermark watermark;
  private final long maxLag;
  private final EventLog log = new EventLog();
  private final RepeatedMessageIds repeats = new RepeatedMessageIds();

  /**
   * @param maxLag appended but not applied events beyond which appending waits for the processor:
   *     below what the processor keeps in memory (less a group), so that under sustained load it
   *     never has to read events back from the log, which would slow it down further
   */
  public EventAppender(
      Database database,
      Function<TrackedEvent, X> prepare,
      Consumer<Appended<X>> processor,
      EventWatermark watermark,
      long maxLag) {
    this.database = database;
    this.maxLag = maxLag;
    this.prepare = prepare;
    this.processor = processor;
    this.watermark = watermark;
  }

  @Override
  public Entry<X> prepare(TrackedEvent event) {
    return new Entry<>(EventLog.row(event), prepare.apply(event));
  }

  @Override
  public boolean[] store(List<Entry<X>> events) {
    try {
      watermark.awaitRoom(maxLag, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the processor", e);
    }
    boolean lookUp = repeats.lookUpFirst();
    Attempt<X> attempt;
    try {
      attempt = append(events, lookUp);
    } catch (RuntimeException e) {
      if (lookUp || !EventLog.isRepeatedMessageId(e)) {
        throw e;
      }
      repeats.conflicted();
      attempt = append(events, true);
    }
    if (lookUp) {
      repeats.lookedUp(events.size() - attempt.fresh().size());
    }
    EventLog.Range range = attempt.range();
    if (range == null) {
      return attempt.stored();
    }
    if (range.last() - range.first() + 1 == attempt.fresh().size()) {
      processor.accept(new Appended<>(range.first(), attempt.fresh()));
    } else {
      // not numbered one after another: the processor reads these from the log instead
      LOG.warn(
          "events appended as seq {}..{} were numbered with gaps ({} events); has the sequence"
              + " events_seq_seq been altered or the table written without Kairos's lock?",
          range.first(),
          range.last(),
          attempt.fresh().size());
    }
    watermark.markAppended(range.last());
    return attempt.stored();
  }

  /** Whether the next group's message ids will be looked up before it is appended. */
  boolean looksUpFirst() {
    return repeats.lookUpFirst();
  }

  /** What one append stored: which of the events, their prepared parts, their {@code seq}s. */
  private record Attempt<X>(boolean[] stored, List<X> fresh, EventLog.Range range) {}

  /**
   * Appends the events not repeated within the group, in one transaction holding the appenders'
   * lock; with {@code lookUp}, leaves out those already in the log, else lets the exclusion
   * constraint on {@code message_id} refuse the whole append when one is.
   */
  private Attempt<X> append(List<Entry<X>> events, boolean lookUp) {
    long[] at = new long[4];
    at[0] = System.nanoTime();
    boolean[] stored = new boolean[events.size()];
    List<X> fresh = new ArrayList<>(events.size());
    EventLog.Range range =
        database.inTransaction(
            c -> {
              log.lock(c);
              Set<String> seen = lookUp ? log.findKnown(c, messageIds(events)) : new HashSet<>();
              at[1] = System.nanoTime();
              List<EventLog.Row> rows = new ArrayList<>(events.size());
              for (int i = 0; i < events.size(); i++) {
                if (seen.add(events.get(i).row().messageId())) {
                  stored[i] = true;
                  rows.add(events.get(i).row());
                  fresh.add(events.get(i).work());
                }
              }
              EventLog.Range appended = rows.isEmpty() ? null : log.append(c, rows);
              at[2] = System.nanoTime();
              return appended;
            });
    at[3] = System.nanoTime();
    if (at[3] - at[0] > SLOW.toNanos()) {
      LOG.info(
          "slow append of {} events: lock{} {} ms, copy {} ms, commit {} ms",
          events.size(),
          lookUp ? " and look up" : "",
          (at[1] - at[0]) / 1_000_000,
          (at[2] - at[1]) / 1_000_000,
          (at[3] - at[2]) / 1_000_000);
    }
    return new Attempt<>(stored, fresh, range);
  }

  private static <X> List<String> messageIds(List<Entry<X>> events) {
    List<String> ids = new ArrayList<>(events.size());
    for (Entry<X> entry : events) {
      ids.add(entry.row().messageId());
    }
    return ids;
  }
}
