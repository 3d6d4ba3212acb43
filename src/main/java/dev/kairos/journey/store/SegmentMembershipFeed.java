package dev.kairos.journey.store;

import dev.kairos.journey.MembershipChange;
import dev.kairos.journey.MembershipFeed;
import dev.kairos.platform.db.Database;
import dev.kairos.segment.store.SegmentFeed;
import java.util.List;

/**
 * The journeys' view of the segments' durable, ordered feed ({@code segment_changes}): read in
 * {@code seq} order after the position {@link SegmentTriggers} keeps in its own cursor row, which
 * it moves in the transaction that handles the changes. Writers of the feed commit in {@code seq}
 * order, so a position once passed never has a change appear below it.
 */
public final class SegmentMembershipFeed implements MembershipFeed {
  private final Database database;
  private final SegmentFeed feed;

  public SegmentMembershipFeed(Database database, SegmentFeed feed) {
    this.database = database;
    this.feed = feed;
  }

  @Override
  public List<MembershipChange> after(long after, int limit) {
    return database.read(c -> feed.after(c, after, limit)).stream()
        .map(
            change ->
                new MembershipChange(
                    change.seq(),
                    change.profileId(),
                    change.segmentKey(),
                    change.kind() == dev.kairos.segment.MembershipChange.Kind.ENTERED
                        ? MembershipChange.Change.ENTERED
                        : MembershipChange.Change.EXITED,
                    change.changedAt()))
        .toList();
  }
}
