package dev.kairos.profile.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.Appended;
import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the event log to identity, profiles and commerce, in {@code seq} order, a group at a
 * time, after ingest has answered. The cursor moves in the same transaction as the group's effects,
 * so each event is applied exactly once. Events appended on this node are handed over in memory;
 * events appended elsewhere (another node, before a restart) are read back from the log.
 *
 * <p>An event that cannot be applied on its own (a bug or a value PostgreSQL refuses) is recorded
 * in {@code event_failures} and passed over, so it cannot stop the pipeline; a failure that looks
 * passing (the database unreachable) is retried with backoff.
 */
public final class EventProcessor
    implements Consumer<Appended<EventApplier.Prepared>>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

  /** The most events applied in one transaction. */
  static final int MAX_GROUP = 10_000;

  /** The most events kept in memory for the processor; beyond, it reads them from the log. */
  private static final int MAX_QUEUED = 50_000;

  private static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Database database;
  private final EventApplier applier;
  private final ObjectMapper mapper;
  private final EventWatermark watermark;
  private final Clock clock;
  private final ProcessorCache cache;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Deque<Appended<EventApplier.Prepared>> queue = new ArrayDeque<>();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private int queued;
  private Thread thread;
  private volatile boolean closing;

  public EventProcessor(
      Database database,
      EventApplier applier,
      ObjectMapper mapper,
      EventWatermark watermark,
      Clock clock,
      int cachedProfiles) {
    this.database = database;
    this.applier = applier;
    this.mapper = mapper;
    this.watermark = watermark;
    this.clock = clock;
    this.cache = new ProcessorCache(cachedProfiles);
  }

  /** Reads where the log and the cursor stand, then starts applying. */
  public EventProcessor start() {
    database.read(
        c -> {
          EventCursor.Position position = EventCursor.read(c);
          watermark.markApplied(position.appliedSeq());
          watermark.markAppended(EventCursor.lastSeq(c));
          return null;
        });
    thread = new Thread(this::run, "kairos-event-processor");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Events just appended on this node (called by the appender, after its commit). */
  @Override
  public void accept(Appended<EventApplier.Prepared> appended) {
    lock.lock();
    try {
      if (queued + appended.events().size() <= MAX_QUEUED) {
        queue.addLast(appended);
        queued += appended.events().size();
      }
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Events applied by this processor since it started. */
  public long appliedCount() {
    return applied.get();
  }

  /** Events this processor could not apply (recorded in {@code event_failures}). */
  public long failedCount() {
    return failed.get();
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    while (!Thread.currentThread().isInterrupted()) {
      boolean more;
      try {
        more = applyNextGroup();
        backoff = Duration.ofMillis(100);
      } catch (RuntimeException | Error e) {
        cache.clear();
        if (passing(e) || !isolateFailure()) {
          if (closing) {
            LOG.error("applying events failed while shutting down", e);
            return;
          }
          LOG.warn("applying events failed; retrying in {} ms", backoff.toMillis(), e);
          pause(backoff);
          backoff = backoff.multipliedBy(2);
          if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
          }
        }
        continue;
      }
      if (!more) {
        if (closing) {
          return;
        }
        awaitWork();
      }
    }
  }

  /** Applies the next group of events; {@code false} when there was nothing to apply. */
  private boolean applyNextGroup() {
    Group group = database.inTransaction(c -> applyGroup(c, MAX_GROUP));
    return committed(group);
  }

  private record Group(long appliedSeq, long epoch, int size) {}

  private Group applyGroup(Connection c, int limit) throws SQLException {
    EventCursor.Position position = EventCursor.lock(c);
    if (!cache.validAt(position.appliedSeq(), position.epoch())) {
      cache.clear();
    }
    List<EventApplier.Logged> events = next(c, position.appliedSeq(), limit);
    if (events.isEmpty()) {
      return new Group(position.appliedSeq(), position.epoch(), 0);
    }
    applier.apply(c, events, cache);
    long last = events.get(events.size() - 1).seq();
    EventCursor.advance(c, last);
    return new Group(last, position.epoch(), events.size());
  }

  private boolean committed(Group group) {
    cache.committedAt(group.appliedSeq(), group.epoch());
    applied.addAndGet(group.size());
    watermark.markApplied(group.appliedSeq());
    forget(group.appliedSeq());
    return group.size() > 0;
  }

  /**
   * The events after {@code appliedSeq}, at most {@code limit}: from memory when they follow on,
   * else read back from the log (up to the first event in memory).
   */
  private List<EventApplier.Logged> next(Connection c, long appliedSeq, int limit)
      throws SQLException {
    long firstInMemory;
    List<EventApplier.Logged> events = new ArrayList<>();
    lock.lock();
    try {
      dropAppliedUpTo(appliedSeq);
      firstInMemory = queue.isEmpty() ? Long.MAX_VALUE : queue.peekFirst().firstSeq();
      if (firstInMemory == appliedSeq + 1) {
        fromMemory(appliedSeq, limit, events);
        return events;
      }
    } finally {
      lock.unlock();
    }
    events = fromLog(c, appliedSeq, firstInMemory, limit);
    if (events.isEmpty() && firstInMemory != Long.MAX_VALUE) {
      // nothing in the log before the first event in memory (seq values can be skipped when an
      // append rolls back): the events in memory follow on
      lock.lock();
      try {
        fromMemory(appliedSeq, limit, events);
      } finally {
        lock.unlock();
      }
    }
    return events;
  }

  /** Takes the events in memory after {@code appliedSeq}, while they follow one another. */
  private void fromMemory(long appliedSeq, int limit, List<EventApplier.Logged> events) {
    long expected = -1;
    for (Appended<EventApplier.Prepared> appended : queue) {
      if (expected != -1 && appended.firstSeq() != expected) {
        return;
      }
      int from = (int) Math.max(0, appliedSeq + 1 - appended.firstSeq());
      for (int i = from; i < appended.events().size(); i++) {
        if (events.size() == limit) {
          return;
        }
        events.add(new EventApplier.Logged(appended.firstSeq() + i, appended.events().get(i)));
      }
      expected = appended.lastSeq() + 1;
    }
  }

  private List<EventApplier.Logged> fromLog(Connection c, long after, long before, int limit)
      throws SQLException {
    List<EventApplier.Logged> events = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select seq, payload from events where seq > ? and seq < ? order by seq limit ?")) {
      ps.setLong(1, after);
      ps.setLong(2, before);
      ps.setInt(3, limit);
      ps.setFetchSize(1_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TrackedEvent event =
              TrackedEvent.fromPayload((ObjectNode) mapper.readTree(rs.getString(2)));
          events.add(new EventApplier.Logged(rs.getLong(1), applier.prepare(event)));
        }
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event in the log is not JSON", e);
    }
    return events;
  }

  private void forget(long appliedSeq) {
    lock.lock();
    try {
      dropAppliedUpTo(appliedSeq);
    } finally {
      lock.unlock();
    }
  }

  private void dropAppliedUpTo(long appliedSeq) {
    while (!queue.isEmpty() && queue.peekFirst().lastSeq() <= appliedSeq) {
      queued -= queue.pollFirst().events().size();
    }
  }

  /**
   * After a group failed: applies its first event alone, so that one bad event does not hold up the
   * others; an event that fails alone is recorded and passed over. Returns {@code false} when the
   * failure looks passing (the caller backs off and retries).
   */
  private boolean isolateFailure() {
    try {
      committed(database.inTransaction(c -> applyGroup(c, 1)));
      return true;
    } catch (RuntimeException | Error e) {
      cache.clear();
      return !passing(e) && skipFailed(e);
    }
  }

  /** Records the next event as failed and moves the cursor past it. */
  private boolean skipFailed(Throwable failure) {
    Group group =
        database.inTransaction(
            c -> {
              EventCursor.Position position = EventCursor.lock(c);
              List<EventApplier.Logged> next = next(c, position.appliedSeq(), 1);
              if (next.isEmpty()) {
                return new Group(position.appliedSeq(), position.epoch(), 0);
              }
              long seq = next.get(0).seq();
              LOG.error(
                  "event seq {} cannot be applied; it is recorded in event_failures", seq, failure);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "insert into event_failures (seq, error, failed_at) values (?, ?, ?)"
                          + " on conflict (seq) do nothing")) {
                ps.setLong(1, seq);
                ps.setString(2, String.valueOf(failure));
                ps.setTimestamp(3, java.sql.Timestamp.from(clock.instant()));
                ps.executeUpdate();
              }
              EventCursor.advance(c, seq);
              return new Group(seq, position.epoch(), 0);
            });
    failed.incrementAndGet();
    cache.clear();
    watermark.markApplied(group.appliedSeq());
    forget(group.appliedSeq());
    return true;
  }

  /** Whether a failure is of the database being unreachable or busy rather than of the events. */
  static boolean passing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("08")
            || state.startsWith("40")
            || state.startsWith("53")
            || state.startsWith("57");
      }
      if (t instanceof java.sql.SQLTransientException) {
        return true;
      }
    }
    return false;
  }

  private void awaitWork() {
    lock.lock();
    try {
      if (queue.isEmpty() && !closing) {
        work.await(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private void pause(Duration backoff) {
    long left = backoff.toNanos();
    lock.lock();
    try {
      while (left > 0 && !closing) {
        left = work.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Applies what is appended (waiting up to 30 s), then stops. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    try {
      watermark.awaitCaughtUp(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closing = true;
    lock.lock();
    try {
      work.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
