package dev.kairos.journey;

import java.util.List;

/**
 * The segments context's durable feed of membership changes (a table with a bigserial {@code seq},
 * {@code profile_id}, {@code segment_key}, {@code change} entered|exited, {@code at}), read in
 * {@code seq} order after a position the journey engine keeps itself. Until segments are wired,
 * {@link #NONE} has no changes: {@code segment_entered}/{@code segment_exited} triggers and {@code
 * exit_on} segment criteria are accepted and wait for it.
 */
@FunctionalInterface
public interface MembershipFeed {
  /** Up to {@code limit} changes with {@code seq > after}, in {@code seq} order. */
  List<MembershipChange> after(long after, int limit);

  MembershipFeed NONE = (after, limit) -> List.of();
}
