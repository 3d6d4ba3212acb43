package dev.kairos.intelligence.recommend;

import java.util.stream.IntStream;

/**
 * For each product, its k most similar products by co-occurrence in baskets (or sessions), best
 * first, as compressed rows: the neighbours of item i are {@code item[start[i] .. start[i+1])} with
 * {@code score[...]}.
 *
 * <p>Built row by row with a dense accumulator (one pass over the baskets of each product), so the
 * cost is the sum over sets of size² and memory stays O(products + neighbours), never a
 * products×products matrix. Rows are independent and computed in parallel.
 */
final class ItemNeighbours {
  final int itemCount;
  final int[] start;
  final int[] item;
  final double[] score;

  private ItemNeighbours(int itemCount, int[] start, int[] item, double[] score) {
    this.itemCount = itemCount;
    this.start = start;
    this.item = item;
    this.score = score;
  }

  static ItemNeighbours empty(int itemCount) {
    return new ItemNeighbours(itemCount, new int[itemCount + 1], new int[0], new double[0]);
  }

  int count(int of) {
    return of < itemCount ? start[of + 1] - start[of] : 0;
  }

  /** The similarity of {@code to} in the neighbour list of {@code of}, or 0 when not listed. */
  double similarity(int of, int to) {
    for (int p = start[of]; p < start[of + 1]; p++) {
      if (item[p] == to) {
        return score[p];
      }
    }
    return 0;
  }

  static ItemNeighbours build(ItemSets sets, int itemCount, RecommenderConfig config) {
    Marginals m = Marginals.of(sets, itemCount, config.maxItemsPerSet());
    int k = config.neighbours();
    int[][] rowItems = new int[itemCount][];
    double[][] rowScores = new double[itemCount][];
    ThreadLocal<RowScratch> scratch = ThreadLocal.withInitial(() -> new RowScratch(itemCount, k));
    IntStream.range(0, itemCount)
        .parallel()
        .forEach(
            i -> {
              RowScratch s = scratch.get();
              s.compute(i, sets, m, config);
              rowItems[i] = new int[s.top.size()];
              rowScores[i] = new double[s.top.size()];
              s.top.drainDescending(rowItems[i], rowScores[i], 0);
            });
    int[] start = new int[itemCount + 1];
    for (int i = 0; i < itemCount; i++) {
      start[i + 1] = start[i] + rowItems[i].length;
    }
    int[] item = new int[start[itemCount]];
    double[] score = new double[start[itemCount]];
    for (int i = 0; i < itemCount; i++) {
      System.arraycopy(rowItems[i], 0, item, start[i], rowItems[i].length);
      System.arraycopy(rowScores[i], 0, score, start[i], rowScores[i].length);
    }
    return new ItemNeighbours(itemCount, start, item, score);
  }

  /** Per-product weighted set counts and the inverted index product → sets. */
  private record Marginals(double total, double[] weight, int[] setStart, int[] sets) {
    static Marginals of(ItemSets sets, int itemCount, int maxItemsPerSet) {
      double total = 0;
      double[] weight = new double[itemCount];
      int[] setStart = new int[itemCount + 1];
      for (int s = 0; s < sets.count; s++) {
        if (sets.size(s) > maxItemsPerSet) {
          continue;
        }
        total += sets.weight[s];
        for (int p = sets.start[s]; p < sets.start[s + 1]; p++) {
          weight[sets.items[p]] += sets.weight[s];
          if (sets.size(s) > 1) {
            setStart[sets.items[p] + 1]++;
          }
        }
      }
      for (int i = 0; i < itemCount; i++) {
        setStart[i + 1] += setStart[i];
      }
      int[] fill = setStart.clone();
      int[] inverted = new int[setStart[itemCount]];
      for (int s = 0; s < sets.count; s++) {
        int size = sets.size(s);
        if (size > maxItemsPerSet || size < 2) {
          continue;
        }
        for (int p = sets.start[s]; p < sets.start[s + 1]; p++) {
          inverted[fill[sets.items[p]]++] = s;
        }
      }
      return new Marginals(total, weight, setStart, inverted);
    }
  }

  /** One thread's accumulator for computing a product's row. */
  private static final class RowScratch {
    final double[] both;
    final int[] together;
    final int[] touched;
    final TopK top;

    RowScratch(int itemCount, int k) {
      both = new double[itemCount];
      together = new int[itemCount];
      touched = new int[itemCount];
      top = new TopK(k);
    }

    void compute(int i, ItemSets sets, Marginals m, RecommenderConfig config) {
      top.clear();
      int touchedCount = 0;
      for (int q = m.setStart[i]; q < m.setStart[i + 1]; q++) {
        int s = m.sets[q];
        double w = sets.weight[s];
        for (int p = sets.start[s]; p < sets.start[s + 1]; p++) {
          int j = sets.items[p];
          if (j == i) {
            continue;
          }
          if (together[j] == 0) {
            touched[touchedCount++] = j;
          }
          together[j]++;
          both[j] += w;
        }
      }
      SimilarityMeasure measure = config.similarity();
      for (int t = 0; t < touchedCount; t++) {
        int j = touched[t];
        if (together[j] >= config.minCoOccurrences()) {
          double sim =
              measure.score(
                  both[j], m.weight[i], m.weight[j], m.total, together[j], config.shrinkage());
          if (sim > 0) {
            top.offer(j, sim);
          }
        }
        both[j] = 0;
        together[j] = 0;
      }
    }
  }
}
