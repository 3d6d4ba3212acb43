package dev.kairos.intelligence.recommend;

import java.time.Instant;
import java.util.Arrays;

/**
 * Interactions stored column by column in primitive arrays, with persons, products and
 * order/session ids interned to ints. Append-only: new orders are added with {@link #add}, and a
 * model is rebuilt from the log (see {@link Recommender#build}).
 *
 * <p>Not thread-safe: one writer at a time, and no reads while writing.
 */
public final class InteractionLog {
  /** Person index of a guest interaction. */
  public static final int GUEST = -1;

  /** Group index of an interaction without order or session id. */
  public static final int NO_GROUP = -1;

  private final IdIndex persons = new IdIndex();
  private final IdIndex products = new IdIndex();
  private final IdIndex groups = new IdIndex();
  private int size;
  private int[] person = new int[1024];
  private int[] product = new int[1024];
  private int[] group = new int[1024];
  private int[] quantity = new int[1024];
  private long[] epochSecond = new long[1024];
  private boolean[] view = new boolean[1024];

  public void add(Interaction interaction) {
    add(
        interaction.personId(),
        interaction.productId(),
        interaction.kind(),
        interaction.time().getEpochSecond(),
        interaction.quantity(),
        interaction.groupId());
  }

  public void addAll(Iterable<Interaction> interactions) {
    for (Interaction interaction : interactions) {
      add(interaction);
    }
  }

  /**
   * Appends one interaction without creating an {@link Interaction} (the fast path for bulk
   * loading). {@code personId} and {@code groupId} may be null or empty.
   */
  public void add(
      String personId,
      String productId,
      InteractionKind kind,
      long epochSecond,
      int quantity,
      String groupId) {
    if (productId == null || productId.isEmpty()) {
      throw new IllegalArgumentException("productId is empty");
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
    if (size == person.length) {
      grow();
    }
    boolean guest = personId == null || personId.isEmpty();
    this.person[size] = guest ? GUEST : persons.intern(personId);
    this.product[size] = products.intern(productId);
    this.group[size] =
        groupId == null || groupId.isEmpty()
            ? NO_GROUP
            : groups.intern((kind == InteractionKind.VIEW ? "v:" : "p:") + groupId);
    this.quantity[size] = quantity;
    this.epochSecond[size] = epochSecond;
    this.view[size] = kind == InteractionKind.VIEW;
    size++;
  }

  private void grow() {
    int capacity = person.length * 2;
    person = Arrays.copyOf(person, capacity);
    product = Arrays.copyOf(product, capacity);
    group = Arrays.copyOf(group, capacity);
    quantity = Arrays.copyOf(quantity, capacity);
    epochSecond = Arrays.copyOf(epochSecond, capacity);
    view = Arrays.copyOf(view, capacity);
  }

  public int size() {
    return size;
  }

  public int person(int row) {
    return person[row];
  }

  public int product(int row) {
    return product[row];
  }

  public int group(int row) {
    return group[row];
  }

  public int quantity(int row) {
    return quantity[row];
  }

  public long epochSecond(int row) {
    return epochSecond[row];
  }

  public boolean isView(int row) {
    return view[row];
  }

  public Instant time(int row) {
    return Instant.ofEpochSecond(epochSecond[row]);
  }

  public IdIndex persons() {
    return persons;
  }

  public IdIndex products() {
    return products;
  }

  int groupCount() {
    return groups.size();
  }
}
