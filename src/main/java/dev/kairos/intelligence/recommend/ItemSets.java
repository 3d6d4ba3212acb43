package dev.kairos.intelligence.recommend;

import java.util.Arrays;

/**
 * Sets of products that belong together: baskets (the products of one order) or sessions (the
 * products one person viewed without a long pause). Stored as compressed rows: the products of set
 * s are {@code items[start[s] .. start[s+1])}, each product once. Each set carries its time, its
 * person (or {@link InteractionLog#GUEST}) and its recency weight {@code 0.5^(age / halfLife)}.
 */
final class ItemSets {
  final int count;
  final int[] start;
  final int[] items;

  /** Units of each product in the set ({@code quantity[p]} goes with {@code items[p]}). */
  final int[] quantity;

  final long[] time;
  final int[] person;
  final double[] weight;

  private ItemSets(
      int count, int[] start, int[] items, int[] quantity, long[] time, int[] person, double[] w) {
    this.count = count;
    this.start = start;
    this.items = items;
    this.quantity = quantity;
    this.time = time;
    this.person = person;
    this.weight = w;
  }

  int size(int set) {
    return start[set + 1] - start[set];
  }

  /**
   * Baskets: purchases before {@code nowSecond} grouped by order id; purchases without order id are
   * grouped by person and exact time (a guest's such purchase is a basket of its own).
   */
  static ItemSets baskets(InteractionLog log, int rowCount, long nowSecond, RecommenderConfig c) {
    int[] rows = selectRows(log, rowCount, nowSecond, false);
    int guestBase = log.persons().size() + log.groupCount();
    int[] keys = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      keys[i] = actorKey(log, rows[i], i, guestBase, true);
    }
    int[] ordered = RowOrder.byKeyThenTime(log, rows, keys, guestBase + rows.length);
    int[] keyOfRow = keyByRow(log, rows, keys);
    Builder builder = new Builder(log, rows.length, nowSecond, c);
    for (int i = 0; i < ordered.length; i++) {
      int row = ordered[i];
      boolean newSet =
          i == 0
              || keyOfRow[ordered[i - 1]] != keyOfRow[row]
              || (log.group(row) == InteractionLog.NO_GROUP
                  && log.epochSecond(row) != log.epochSecond(ordered[i - 1]));
      builder.add(row, newSet);
    }
    return builder.finish();
  }

  /**
   * Sessions: views before {@code nowSecond} of one person in time order, a new session starting
   * when the session id changes or the pause exceeds the session gap. Guest views with a session id
   * are grouped by it; guest views without one are dropped (they carry no co-view signal).
   */
  static ItemSets sessions(InteractionLog log, int rowCount, long nowSecond, RecommenderConfig c) {
    int[] rows = selectRows(log, rowCount, nowSecond, true);
    int guestBase = log.persons().size() + log.groupCount();
    int[] keys = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      keys[i] = actorKey(log, rows[i], i, guestBase, false);
    }
    int[] ordered = RowOrder.byKeyThenTime(log, rows, keys, guestBase + rows.length);
    int[] keyOfRow = keyByRow(log, rows, keys);
    long gap = c.sessionGap().toSeconds();
    Builder builder = new Builder(log, rows.length, nowSecond, c);
    for (int i = 0; i < ordered.length; i++) {
      int row = ordered[i];
      if (keyOfRow[row] >= guestBase) {
        continue; // an anonymous view without session
      }
      int previous = i == 0 ? -1 : ordered[i - 1];
      boolean newSet =
          previous < 0
              || keyOfRow[previous] != keyOfRow[row]
              || log.group(previous) != log.group(row)
              || log.epochSecond(row) - log.epochSecond(previous) > gap;
      builder.add(row, newSet);
    }
    return builder.finish();
  }

  /**
   * One set per identified customer: every product they bought in any basket, with the time and
   * recency weight of their latest basket ("bought by the same customers", over months rather than
   * within one order).
   */
  static ItemSets customers(ItemSets baskets, int personCount, int itemCount) {
    int[] start = new int[personCount + 1];
    for (int s = 0; s < baskets.count; s++) {
      if (baskets.person[s] >= 0) {
        start[baskets.person[s] + 1] += baskets.size(s);
      }
    }
    for (int p = 0; p < personCount; p++) {
      start[p + 1] += start[p];
    }
    int[] raw = new int[start[personCount]];
    int[] rawQuantity = new int[raw.length];
    long[] time = new long[personCount];
    double[] weight = new double[personCount];
    int[] fill = Arrays.copyOf(start, personCount);
    for (int s = 0; s < baskets.count; s++) {
      int p = baskets.person[s];
      if (p < 0) {
        continue;
      }
      time[p] = Math.max(time[p], baskets.time[s]);
      weight[p] = Math.max(weight[p], baskets.weight[s]);
      for (int q = baskets.start[s]; q < baskets.start[s + 1]; q++) {
        rawQuantity[fill[p]] = baskets.quantity[q];
        raw[fill[p]++] = baskets.items[q];
      }
    }
    int[] stamp = new int[itemCount];
    int[] slot = new int[itemCount];
    Arrays.fill(stamp, -1);
    int[] setStart = new int[personCount + 1];
    int[] items = new int[raw.length];
    int[] quantity = new int[raw.length];
    int[] person = new int[personCount];
    int size = 0;
    for (int p = 0; p < personCount; p++) {
      setStart[p] = size;
      person[p] = p;
      for (int q = start[p]; q < start[p + 1]; q++) {
        if (stamp[raw[q]] != p) {
          stamp[raw[q]] = p;
          slot[raw[q]] = size;
          items[size++] = raw[q];
        }
        quantity[slot[raw[q]]] += rawQuantity[q];
      }
    }
    setStart[personCount] = size;
    return new ItemSets(
        personCount,
        setStart,
        Arrays.copyOf(items, size),
        Arrays.copyOf(quantity, size),
        time,
        person,
        weight);
  }

  private static int[] selectRows(InteractionLog log, int rowCount, long now, boolean views) {
    int[] rows = new int[rowCount];
    int n = 0;
    for (int row = 0; row < rowCount; row++) {
      if (log.isView(row) == views && log.epochSecond(row) < now) {
        rows[n++] = row;
      }
    }
    return Arrays.copyOf(rows, n);
  }

  /**
   * Who a row belongs to for grouping: an order id groups purchases (whoever placed them); else the
   * person; else, for a guest, the session id of a view; else the row alone.
   */
  private static int actorKey(
      InteractionLog log, int row, int position, int guestBase, boolean byOrder) {
    int persons = log.persons().size();
    int group = log.group(row);
    if (byOrder && group != InteractionLog.NO_GROUP) {
      return persons + group;
    }
    if (log.person(row) != InteractionLog.GUEST) {
      return log.person(row);
    }
    if (group != InteractionLog.NO_GROUP) {
      return persons + group;
    }
    return guestBase + position;
  }

  /** The key of each row, addressable by row number. */
  private static int[] keyByRow(InteractionLog log, int[] rows, int[] keys) {
    int[] byRow = new int[log.size()];
    for (int i = 0; i < rows.length; i++) {
      byRow[rows[i]] = keys[i];
    }
    return byRow;
  }

  /** Appends rows set by set, keeping each product once per set. */
  private static final class Builder {
    private final InteractionLog log;
    private final long now;
    private final RecommenderConfig config;
    private final int[] items;
    private final int[] quantity;
    private final int[] stamp;
    private final int[] slot;
    private int[] start;
    private long[] time;
    private int[] person;
    private int count = -1;
    private int size;

    Builder(InteractionLog log, int capacity, long now, RecommenderConfig config) {
      this.log = log;
      this.now = now;
      this.config = config;
      this.items = new int[capacity];
      this.quantity = new int[capacity];
      this.stamp = new int[log.products().size()];
      this.slot = new int[log.products().size()];
      Arrays.fill(stamp, -1);
      this.start = new int[16];
      this.time = new long[16];
      this.person = new int[16];
    }

    void add(int row, boolean newSet) {
      if (newSet || count < 0) {
        count++;
        if (count + 1 >= start.length) {
          start = Arrays.copyOf(start, start.length * 2);
          time = Arrays.copyOf(time, time.length * 2);
          person = Arrays.copyOf(person, person.length * 2);
        }
        start[count] = size;
        time[count] = log.epochSecond(row);
        person[count] = log.person(row);
      }
      time[count] = Math.max(time[count], log.epochSecond(row));
      int product = log.product(row);
      if (stamp[product] != count) {
        stamp[product] = count;
        slot[product] = size;
        items[size++] = product;
      }
      quantity[slot[product]] =
          (int) Math.min(Integer.MAX_VALUE, (long) quantity[slot[product]] + log.quantity(row));
    }

    ItemSets finish() {
      int n = count + 1;
      start[n] = size;
      double[] weight = new double[n];
      for (int s = 0; s < n; s++) {
        weight[s] = config.decay(now - time[s]);
      }
      return new ItemSets(
          n,
          Arrays.copyOf(start, n + 1),
          Arrays.copyOf(items, size),
          Arrays.copyOf(quantity, size),
          Arrays.copyOf(time, n),
          Arrays.copyOf(person, n),
          weight);
    }
  }
}
