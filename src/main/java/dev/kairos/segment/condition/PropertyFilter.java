package dev.kairos.segment.condition;

import java.util.List;

/**
 * A condition on an event's properties: {@code {"property": "products[].category", "op": "eq",
 * "value": "Shoes"}}. A path names nested properties with dots; one step may end in {@code []} to
 * look into every item of an array, and the filter holds when any item matches.
 *
 * @param path the property path as written
 * @param steps the path's names, in order ({@code products}, {@code category})
 * @param arrayStep the index in {@code steps} of the array step, or -1
 */
public record PropertyFilter(
    String path, List<String> steps, int arrayStep, Comparison comparison) {
  public PropertyFilter {
    steps = List.copyOf(steps);
  }
}
