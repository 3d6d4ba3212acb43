package dev.kairos.intelligence.clv;

import java.util.Arrays;

/**
 * Numbers distinct {@code long} keys 0, 1, 2 … in the order they are first seen: an open-addressing
 * hash table without boxing, so that grouping a million customers costs a few hash probes each.
 */
final class DenseIndex {
  private long[] keys;
  private int[] slots;
  private long[] byIndex;
  private int size;

  DenseIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    slots = new int[capacity];
    Arrays.fill(slots, -1);
    byIndex = new long[Math.max(16, expected)];
  }

  /** The index of {@code key}, numbering it now if it is new. */
  int indexOf(long key) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (slots[slot] >= 0) {
      if (keys[slot] == key) {
        return slots[slot];
      }
      slot = (slot + 1) & mask;
    }
    int index = size++;
    keys[slot] = key;
    slots[slot] = index;
    if (index == byIndex.length) {
      byIndex = Arrays.copyOf(byIndex, index * 2);
    }
    byIndex[index] = key;
    if (size * 2 > keys.length) {
      grow();
    }
    return index;
  }

  int size() {
    return size;
  }

  /** The keys in index order. */
  long[] keys() {
    return Arrays.copyOf(byIndex, size);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new long[oldKeys.length * 2];
    slots = new int[oldKeys.length * 2];
    Arrays.fill(slots, -1);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldSlots[i] >= 0) {
        int slot = mix(oldKeys[i]) & mask;
        while (slots[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        slots[slot] = oldSlots[i];
      }
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
