package dev.kairos.intelligence.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dictionary from external ids (strings) to dense int indexes 0..size-1, so that the model works
 * on int-indexed arrays. Indexes are never reused or reordered: appending is safe.
 */
public final class IdIndex {
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final List<String> ids = new ArrayList<>();

  /** The index of an id, adding it when new. */
  public int intern(String id) {
    Integer known = indexOf.get(id);
    if (known != null) {
      return known;
    }
    int index = ids.size();
    indexOf.put(id, index);
    ids.add(id);
    return index;
  }

  /** The index of an id, or -1 when unknown. */
  public int find(String id) {
    Integer known = id == null ? null : indexOf.get(id);
    return known == null ? -1 : known;
  }

  public String id(int index) {
    return ids.get(index);
  }

  public int size() {
    return ids.size();
  }

  /** An independent copy, so that a built model is not affected by later appends. */
  public IdIndex copy() {
    IdIndex copy = new IdIndex();
    for (String id : ids) {
      copy.intern(id);
    }
    return copy;
  }
}
