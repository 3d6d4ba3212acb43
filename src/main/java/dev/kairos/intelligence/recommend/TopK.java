package dev.kairos.intelligence.recommend;

/**
 * The k best (item, score) pairs seen so far, in a primitive min-heap. Ties are broken by the
 * smaller item index, so results are deterministic.
 */
final class TopK {
  private final int capacity;
  private final int[] items;
  private final double[] scores;
  private int size;

  TopK(int capacity) {
    this.capacity = capacity;
    this.items = new int[capacity];
    this.scores = new double[capacity];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Offers a candidate; kept when it beats the worst of a full heap. */
  void offer(int item, double score) {
    if (capacity == 0) {
      return;
    }
    if (size < capacity) {
      items[size] = item;
      scores[size] = score;
      siftUp(size++);
    } else if (better(item, score, items[0], scores[0])) {
      items[0] = item;
      scores[0] = score;
      siftDown(0);
    }
  }

  /**
   * Empties the heap into the arrays, best first, starting at {@code offset}; returns the count.
   */
  int drainDescending(int[] itemsOut, double[] scoresOut, int offset) {
    int n = size;
    for (int i = n - 1; i >= 0; i--) {
      itemsOut[offset + i] = items[0];
      scoresOut[offset + i] = scores[0];
      size--;
      if (size > 0) {
        items[0] = items[size];
        scores[0] = scores[size];
        siftDown(0);
      }
    }
    return n;
  }

  private static boolean better(int item, double score, int otherItem, double otherScore) {
    return score > otherScore || (score == otherScore && item < otherItem);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!better(items[parent], scores[parent], items[i], scores[i])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && better(items[worst], scores[worst], items[right], scores[right])) {
        worst = right;
      }
      if (!better(items[i], scores[i], items[worst], scores[worst])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int item = items[a];
    items[a] = items[b];
    items[b] = item;
    double score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }
}
