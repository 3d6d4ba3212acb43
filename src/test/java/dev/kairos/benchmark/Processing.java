package dev.kairos.benchmark;

import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * What the asynchronous event processor did in a run: the events it applied to identities and
 * profiles in the measured period (over {@code periodSeconds} between two samples of {@code
 * event_cursor}), the appended events it had not applied at the end of that period, and how long it
 * took to apply them all after the senders stopped (empty: not within {@code catchUpWaitSeconds}).
 * Not asynchronous: the server applies events before it answers, and there is no cursor.
 */
record Processing(
    boolean asynchronous,
    long appliedInPeriod,
    double periodSeconds,
    long lagEvents,
    OptionalDouble catchUpSeconds,
    double catchUpWaitSeconds,
    long epochAtStart,
    long epochAtEnd) {

  static Processing synchronous() {
    return new Processing(false, 0, 0, 0, OptionalDouble.empty(), 0, 0, 0);
  }

  double appliedPerSecond() {
    return appliedInPeriod / periodSeconds;
  }

  /** The lag at the end of the measured period in seconds of work at the applied rate. */
  double lagSeconds() {
    return lagEvents / appliedPerSecond();
  }

  /** The processor's cursor and the newest appended event, sampled at one instant. */
  record Sample(long nanoTime, PostgresProbe.Cursor cursor, long maxSeq) {}

  /** Samples the cursor before {@code max(seq)}, so the newest event is never behind the cursor. */
  static Sample sample(PostgresProbe postgres) throws SQLException {
    long now = System.nanoTime();
    PostgresProbe.Cursor cursor = postgres.cursor().orElse(new PostgresProbe.Cursor(0, 0));
    return new Sample(now, cursor, postgres.maxSeq());
  }

  /**
   * Once the senders have stopped: waits for the processor to catch up, then counts (exactly, since
   * seq can have gaps) the events it applied between the samples and those it had not applied at
   * the second.
   */
  static Processing measure(PostgresProbe postgres, Sample before, Sample after, Duration wait)
      throws SQLException, InterruptedException {
    System.out.printf(
        "senders stopped; waiting up to %d s for the processor to catch up …%n", wait.toSeconds());
    OptionalDouble catchUp = postgres.awaitCaughtUp(wait, Duration.ofMillis(50));
    long applied =
        postgres.eventsInSeqRange(before.cursor().appliedSeq(), after.cursor().appliedSeq());
    // caught up, the events appended by the second sample are applied now and can be counted;
    // otherwise the seq difference is the lag at most (seq can have gaps)
    long lag =
        catchUp.isPresent()
            ? postgres.eventsInSeqRange(after.cursor().appliedSeq(), after.maxSeq())
            : after.maxSeq() - after.cursor().appliedSeq();
    return new Processing(
        true,
        applied,
        (after.nanoTime() - before.nanoTime()) / 1e9,
        lag,
        catchUp,
        wait.toSeconds(),
        before.cursor().epoch(),
        after.cursor().epoch());
  }
}
