package dev.kairos.segment.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A parsed property path: {@code order.shipping.country}, {@code products[].category}. */
record PropertyPath(List<String> steps, int arrayStep) {
  static Optional<PropertyPath> parse(String path) {
    List<String> steps = new ArrayList<>();
    int arrayStep = -1;
    for (String part : path.split("\\.", -1)) {
      String name = part;
      if (part.endsWith("[]")) {
        if (arrayStep >= 0) {
          return Optional.empty();
        }
        arrayStep = steps.size();
        name = part.substring(0, part.length() - 2);
      }
      if (name.isEmpty() || name.contains("[") || name.contains("]")) {
        return Optional.empty();
      }
      steps.add(name);
    }
    if (arrayStep == steps.size() - 1) {
      return Optional.empty(); // products[] alone: compare its items' fields, not the items
    }
    return Optional.of(new PropertyPath(steps, arrayStep));
  }
}
