package dev.kairos.segment.condition;

import java.util.Optional;

/**
 * The conditions of the saved segments, by key: what a {@code {"segment": KEY}} condition stands
 * for. Both evaluators read a segment condition as the condition of the segment it names (so the
 * answer never depends on when that segment was last recomputed), and the parser refuses names of
 * segments that do not exist and references that lead back to the segment being defined.
 */
@FunctionalInterface
public interface SegmentDefinitions {
  Optional<Condition> condition(String segmentKey);

  SegmentDefinitions NONE = key -> Optional.empty();
}
