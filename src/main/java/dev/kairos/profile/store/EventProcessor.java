package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.ingest.Appended;
import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.CpuPriority;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.AppliedEvents;
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

  /**
   * The most events kept in memory for the processor (for each, the facts taken from it, its
   * identifiers and products); beyond, it reads them from the log. A small heap keeps fewer.
   */
  public static final int MAX_QUEUED =
      (int) Math.max(1_000, Math.min(50_000, Runtime.getRuntime().maxMemory() / (64 * 1024)));

  /**
   * A group the processor applies without waiting for more. Each group writes every profile it
   * touches once, and a person's events come together, so a small group costs PostgreSQL more per
   * event: with fewer events than this in memory, the processor waits up to its linger since the
   * oldest arrived, unless someone waits to read what was acknowledged (docs/decisions/0011).
   */
  static final int FULL_GROUP = 5_000;

  private static final Duration IDLE_POLL = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * Events passed over one after another without any applied in between, beyond which the processor
   * suspects a fault of its own or of the database and backs off instead.
   */
  private static final int MAX_CONSECUTIVE_SKIPS = 100;

  private final Database database;
  private final EventApplier applier;
  private final ObjectMapper mapper;
  private final EventWatermark watermark;
  private final Clock clock;
  private final ProcessorCache cache;
  private final Duration linger;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Deque<Waiting> queue = new ArrayDeque<>();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private int queued;

  /** Events appended on this node, waiting in memory, and when they arrived ({@code nanoTime}). */
  private record Waiting(Appended<EventApplier.Prepared> appended, long arrivedNanos) {}

  /** The cursor position of the group being attempted (-1 before the cursor was read). */
  private long attemptedAfter = -1;

  private int consecutiveSkips;
  private volatile AppliedEvents.Listener listener = applied -> {};
  private Thread thread;
  private volatile boolean closing;

  public EventProcessor(
      Database database,
      EventApplier applier,
      ObjectMapper mapper,
      EventWatermark watermark,
      Clock clock,
      int cachedProfiles,
      Duration linger) {
    this.database = database;
    this.applier = applier;
    this.mapper = mapper;
    this.watermark = watermark;
    this.clock = clock;
    this.cache = new ProcessorCache(cachedProfiles);
    this.linger = linger;
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
    watermark.whenReaderWaits(this::wake);
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
        queue.addLast(new Waiting(appended, System.nanoTime()));
        queued += appended.events().size();
      }
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Tells {@code listener} of every group this processor applies, once it is committed. */
  public void whenApplied(AppliedEvents.Listener listener) {
    this.listener = listener;
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
    // nobody waits on this thread: under saturation the appender and the requests go first
    CpuPriority.lowerCurrentThread(CpuPriority.BACKGROUND_NICE);
    Duration backoff = Duration.ofMillis(100);
    int limit = MAX_GROUP;
    while (!Thread.currentThread().isInterrupted()) {
      boolean more;
      try {
        linger();
        attemptedAfter = -1;
        int size = limit;
        more = committed(database.inTransaction(c -> applyGroup(c, size)));
        backoff = Duration.ofMillis(100);
        limit = Math.min(MAX_GROUP, limit * 2);
      } catch (RuntimeException | Error e) {
        cache.clear();
        boolean passOver = !passing(e) && consecutiveSkips < MAX_CONSECUTIVE_SKIPS;
        if (passOver && limit > 1) {
          limit = Math.max(1, limit / 4); // narrow down to the event at fault
          continue;
        }
        if (passOver && skipFailed(e)) {
          continue;
        }
        if (closing) {
          LOG.error("applying events failed while shutting down", e);
          return;
        }
        LOG.warn("applying events failed; retrying in {} ms", backoff.toMillis(), e);
        pause(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
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

  private record Group(long appliedSeq, long epoch, int size, AppliedEvents applied) {
    Group(long appliedSeq, long epoch, int size) {
      this(appliedSeq, epoch, size, AppliedEvents.NONE);
    }
  }

  private Group applyGroup(Connection c, int limit) throws SQLException {
    EventCursor.Position position = EventCursor.lock(c);
    if (!cache.validAt(position.appliedSeq(), position.epoch())) {
      cache.clear();
    }
    attemptedAfter = position.appliedSeq();
    List<EventApplier.Logged> events = next(c, position.appliedSeq(), limit);
    if (events.isEmpty()) {
      return new Group(position.appliedSeq(), position.epoch(), 0);
    }
    AppliedEvents applied = applier.apply(c, events, cache);
    long last = events.get(events.size() - 1).seq();
    EventCursor.advance(c, last);
    return new Group(last, position.epoch(), events.size(), applied);
  }

  private boolean committed(Group group) {
    if (group.size() > 0) {
      consecutiveSkips = 0;
    }
    cache.committedAt(group.appliedSeq(), group.epoch());
    applied.addAndGet(group.size());
    watermark.markApplied(group.appliedSeq());
    forget(group.appliedSeq());
    if (group.size() > 0) {
      listener.applied(group.applied());
    }
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
      firstInMemory = queue.isEmpty() ? Long.MAX_VALUE : queue.peekFirst().appended().firstSeq();
      if (firstInMemory <= appliedSeq + 1) { // follows on (or a group ended inside it)
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
    for (Waiting waiting : queue) {
      Appended<EventApplier.Prepared> appended = waiting.appended();
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
          TrackedEvent event = TrackedEvent.fromStored(mapper, rs.getString(2));
          events.add(new EventApplier.Logged(rs.getLong(1), applier.prepare(event)));
        }
      }
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
    while (!queue.isEmpty() && queue.peekFirst().appended().lastSeq() <= appliedSeq) {
      queued -= queue.pollFirst().appended().events().size();
    }
  }

  /**
   * Records the event that failed on its own (the first after the cursor as it stood for that
   * attempt) in {@code event_failures} and moves the cursor past it, in one transaction under the
   * cursor's lock; nothing is recorded when the cursor has moved since (another node got further).
   * Returns {@code false} when this could not be done (the caller backs off and retries).
   */
  private boolean skipFailed(Throwable failure) {
    long after = attemptedAfter;
    if (after < 0) {
      return false; // failed before reading the cursor: not the events' fault
    }
    try {
      Group group =
          database.inTransaction(
              c -> {
                EventCursor.Position position = EventCursor.lock(c);
                if (position.appliedSeq() != after) {
                  return new Group(position.appliedSeq(), position.epoch(), 0);
                }
                long seq = EventCursor.nextSeq(c, after);
                if (seq < 0) {
                  return new Group(position.appliedSeq(), position.epoch(), 0);
                }
                LOG.error(
                    "event seq {} cannot be applied; it is recorded in event_failures and passed"
                        + " over",
                    seq,
                    failure);
                Sql.update(
                    c,
                    "insert into event_failures (seq, error, failed_at) values (?, ?, ?)"
                        + " on conflict (seq) do nothing",
                    seq,
                    scrubIfSuppressed(c, seq) ? WITHHELD : String.valueOf(failure),
                    Sql.timestamp(clock.instant()));
                EventCursor.advance(c, seq);
                failed.incrementAndGet();
                consecutiveSkips++;
                return new Group(seq, position.epoch(), 0);
              });
      cache.clear();
      watermark.markApplied(group.appliedSeq());
      forget(group.appliedSeq());
      return true;
    } catch (RuntimeException | Error e) {
      cache.clear();
      LOG.warn("recording a failed event failed", e);
      return false;
    }
  }

  /** The error recorded for a deleted person's event: the database's message may quote it. */
  static final String WITHHELD =
      "an event carrying a deleted person's identifier could not be applied (error withheld)";

  /**
   * A failed event of a deleted person is kept as a stub too (an unreadable one as it is); true
   * when it was.
   */
  private boolean scrubIfSuppressed(Connection c, long seq) throws SQLException {
    List<String> payload =
        Sql.list(c, "select payload from events where seq = ?", rs -> rs.getString(1), seq);
    TrackedEvent event;
    try {
      event = TrackedEvent.fromStored(mapper, payload.get(0));
    } catch (RuntimeException unreadable) {
      return false;
    }
    return applier.scrubIfSuppressed(c, seq, event);
  }

  /** Whether a failure is of the database being unreachable or busy rather than of the events. */
  static boolean passing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return NOT_THE_EVENTS_FAULT.contains(sql.getSQLState().substring(0, 2));
      }
      if (t instanceof java.sql.SQLTransientException) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQLSTATE classes that say the database is unreachable, busy, misconfigured or mid-upgrade
   * (connection, rollback, resources, operator intervention, permissions and undefined objects,
   * object state, invalid transaction state, system errors), rather than that an event is bad.
   */
  private static final java.util.Set<String> NOT_THE_EVENTS_FAULT =
      java.util.Set.of(
          "08", "0A", "25", "28", "3D", "3F", "40", "42", "53", "55", "57", "58", "XX");

  /**
   * Waits while fewer than {@link #FULL_GROUP} events are in memory, for at most the linger since
   * the oldest of them arrived, and not while a reader waits or the node stops.
   */
  private void linger() {
    lock.lock();
    try {
      while (queued > 0 && queued < FULL_GROUP && !closing && !watermark.readersWaiting()) {
        long left = queue.peekFirst().arrivedNanos() + linger.toNanos() - System.nanoTime();
        if (left <= 0) {
          return;
        }
        work.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private void wake() {
    lock.lock();
    try {
      work.signalAll();
    } finally {
      lock.unlock();
    }
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
