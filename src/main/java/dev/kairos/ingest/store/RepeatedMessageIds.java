package dev.kairos.ingest.store;

/**
 * Whether the appender looks a group's message ids up in the log before appending it, or appends
 * straight away and lets the log's exclusion constraint on message_id refuse a group that repeats
 * one (the group is then appended again, looking up). Looking up costs the database about as much
 * as a tenth of an event's whole ingest; a refused group costs its append twice. Repeats come in
 * runs (a client resending after a timeout, an import run again), so after a refusal the appender
 * looks up until {@value #CLEAN_GROUPS} groups in a row held no repeat.
 */
final class RepeatedMessageIds {
  static final int CLEAN_GROUPS = 20;

  private int cleanGroups = CLEAN_GROUPS;

  synchronized boolean lookUpFirst() {
    return cleanGroups < CLEAN_GROUPS;
  }

  /** An append without looking up was refused: a repeated message id. */
  synchronized void conflicted() {
    cleanGroups = 0;
  }

  /** A group was looked up; {@code repeated} of its events were already in the log. */
  synchronized void lookedUp(int repeated) {
    cleanGroups = repeated == 0 ? Math.min(CLEAN_GROUPS, cleanGroups + 1) : 0;
  }
}
