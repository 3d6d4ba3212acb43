package dev.kairos.journey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a broadcast reaches whom. An occurrence is the trigger's {@code at} plus a whole number of
 * {@code every} periods, a local date and time: the moment it reaches a person is that time in UTC,
 * or in the person's time zone with {@code person_local_time}. A person is due the latest
 * occurrence whose moment has passed for them, at most {@link #LATE_LIMIT} ago: a node that was
 * down, or a broadcast published a little late, still reaches everyone, and an occurrence long past
 * never does.
 */
public final class BroadcastSchedule {
  /** How late an occurrence may still reach a person. */
  public static final Duration LATE_LIMIT = Duration.ofHours(24);

  /**
   * The widest offsets of any time zone: an occurrence's moments lie within these of its UTC one.
   */
  private static final Duration EARLIEST = Duration.ofHours(14);

  private static final Duration LATEST = Duration.ofHours(12);

  private BroadcastSchedule() {}

  /** The occurrence due for a person in {@code zone} now, if any. */
  public static Optional<LocalDateTime> dueFor(Trigger.Broadcast b, ZoneId zone, Instant now) {
    ZoneId where = b.personLocalTime() ? zone : ZoneOffset.UTC;
    LocalDateTime localNow = LocalDateTime.ofInstant(now, where);
    Optional<LocalDateTime> latest = latestAtOrBefore(b, localNow);
    return latest.filter(
        o -> !o.atZone(where).toInstant().isBefore(now.minus(LATE_LIMIT))); // not too late
  }

  /** The occurrences that may be due for someone somewhere now (oldest first; at most a few). */
  public static List<LocalDateTime> open(Trigger.Broadcast b, Instant now) {
    Duration ahead = b.personLocalTime() ? EARLIEST : Duration.ZERO;
    Duration behind = b.personLocalTime() ? LATEST.plus(LATE_LIMIT) : LATE_LIMIT;
    LocalDateTime newest = LocalDateTime.ofInstant(now.plus(ahead), ZoneOffset.UTC);
    LocalDateTime oldest = LocalDateTime.ofInstant(now.minus(behind), ZoneOffset.UTC);
    List<LocalDateTime> open = new ArrayList<>();
    for (Optional<LocalDateTime> o = latestAtOrBefore(b, newest);
        o.isPresent() && !o.get().isBefore(oldest);
        o = previous(b, o.get())) {
      open.add(0, o.get());
    }
    return open;
  }

  /** The first occurrence whose (UTC) moment is after {@code now}, if the broadcast has one. */
  public static Optional<LocalDateTime> next(Trigger.Broadcast b, Instant now) {
    LocalDateTime utcNow = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    if (b.at().isAfter(utcNow)) {
      return Optional.of(b.at());
    }
    return b.every().map(p -> latestAtOrBefore(b, utcNow).orElse(b.at()).plus(p));
  }

  private static Optional<LocalDateTime> latestAtOrBefore(Trigger.Broadcast b, LocalDateTime t) {
    if (b.at().isAfter(t)) {
      return Optional.empty();
    }
    if (b.every().isEmpty()) {
      return Optional.of(b.at());
    }
    // periods of months have no fixed length: step from an estimate, then correct
    long n = estimate(b, t);
    while (n > 0 && nth(b, n).isAfter(t)) {
      n--;
    }
    while (!nth(b, n + 1).isAfter(t)) {
      n++;
    }
    return Optional.of(nth(b, n));
  }

  private static long estimate(Trigger.Broadcast b, LocalDateTime t) {
    var p = b.every().orElseThrow();
    long days = p.toTotalMonths() * 28 + p.getDays();
    long elapsed = Duration.between(b.at(), t).toDays();
    return days <= 0 ? 0 : Math.max(0, elapsed / days - 1);
  }

  private static LocalDateTime nth(Trigger.Broadcast b, long n) {
    var p = b.every().orElseThrow();
    return b.at().plusMonths(p.toTotalMonths() * n).plusDays((long) p.getDays() * n);
  }

  private static Optional<LocalDateTime> previous(Trigger.Broadcast b, LocalDateTime o) {
    if (b.every().isEmpty() || !o.isAfter(b.at())) {
      return Optional.empty();
    }
    return latestAtOrBefore(b, o.minusSeconds(1));
  }
}
