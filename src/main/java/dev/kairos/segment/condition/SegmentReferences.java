package dev.kairos.segment.condition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The segments a condition names, and the cycles such names can form. */
public final class SegmentReferences {
  private SegmentReferences() {}

  /** The keys of the segments the condition names directly (not through them). */
  public static Set<String> named(Condition condition) {
    Set<String> keys = new LinkedHashSet<>();
    collect(condition, keys);
    return keys;
  }

  private static void collect(Condition condition, Set<String> keys) {
    if (condition instanceof Condition.And and) {
      and.all().forEach(c -> collect(c, keys));
    } else if (condition instanceof Condition.Or or) {
      or.any().forEach(c -> collect(c, keys));
    } else if (condition instanceof Condition.Not not) {
      collect(not.negated(), keys);
    } else if (condition instanceof Condition.InSegment in) {
      keys.add(in.key());
    }
  }

  /**
   * A path of references from the segment at the end of {@code path} back to {@code ownKey} or to a
   * segment already on the path, if the saved definitions have one.
   */
  static Optional<List<String>> cycleFrom(
      String key, String ownKey, SegmentDefinitions segments, List<String> path) {
    Optional<Condition> condition = segments.condition(key);
    if (condition.isEmpty()) {
      return Optional.empty();
    }
    for (String next : named(condition.get())) {
      if (next.equals(ownKey) || path.contains(next)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(next);
        return Optional.of(cycle);
      }
      path.add(next);
      Optional<List<String>> found = cycleFrom(next, ownKey, segments, path);
      if (found.isPresent()) {
        return found;
      }
      path.remove(path.size() - 1);
    }
    return Optional.empty();
  }
}
