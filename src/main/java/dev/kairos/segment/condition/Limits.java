package dev.kairos.segment.condition;

/**
 * How large a condition may be.
 *
 * @param maxDepth nesting levels of {@code and} / {@code or} / {@code not} (a single leaf is depth
 *     1)
 * @param maxNodes conditions in the tree, every leaf and group counted, segments not expanded
 * @param maxListValues values of one {@code in} / {@code not_in}
 * @param maxDays the largest day count of a window or relative date (100 years)
 * @param maxStringLength the longest string value, event name, trait or property path
 */
public record Limits(
    int maxDepth, int maxNodes, int maxListValues, int maxDays, int maxStringLength) {
  public static final Limits DEFAULT = new Limits(10, 200, 1000, 36_500, 1000);
}
