package dev.kairos.app.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.app.demo.DemoCatalog.Item;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded, realistic shop history for the demo, as the Segment calls a live shop would have sent
 * over the last {@link #DAYS} days: customers who buy regularly, run out of coffee and tea and
 * reorder, lapse, come back or buy once; guest checkouts; people who browse on a second device and
 * log in there (the identify links that device's anonymous id to their user id, so the two profiles
 * merge); in-store purchases identified by a loyalty card; newsletter opens at each person's own
 * hour; a few returns. The same seed and end give the same calls.
 */
public final class DemoHistory {
  static final int DAYS = 420;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Europe/London"),
          ZoneId.of("Europe/London"),
          ZoneId.of("Europe/London"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/New_York"));
  private static final List<String> NAMES =
      List.of("Ann", "Ben", "Chloe", "Dev", "Ema", "Finn", "Grace", "Hugo", "Isla", "Jon", "Kai");

  /** How a simulated customer buys. */
  enum Habit {
    REGULAR,
    CONSUMABLES,
    LAPSING,
    WON_BACK,
    ONE_TIME,
    NEW,
    BIG_SPENDER
  }

  /**
   * One call, when it happened and whose it is ({@code person}: calls of one person must be sent in
   * time order; different people's may go in parallel).
   */
  record Call(Instant at, int person, ObjectNode json) {}

  private final Random random;
  private final Instant end;
  private final List<Call> calls = new ArrayList<>();
  private int orders;
  private int sequence;
  private int person;

  private DemoHistory(long seed, Instant end) {
    this.random = new Random(seed);
    this.end = end;
  }

  /** The calls of {@code customers} customers (and a tenth as many guests) up to {@code end}. */
  public static List<Call> of(long seed, int customers, Instant end) {
    DemoHistory history = new DemoHistory(seed, end);
    for (int n = 1; n <= customers; n++) {
      history.customer(n);
    }
    for (int n = 1; n <= customers / 10; n++) {
      history.guest(n);
    }
    history.calls.sort(Comparator.comparing(Call::at));
    return List.copyOf(history.calls);
  }

  /** The user id of the demo's {@code n}-th customer (the live shop brings some of them back). */
  static String userId(int n) {
    return "cust-" + n;
  }

  private void customer(int n) {
    person = n;
    Habit habit = habit();
    ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
    int hour = habitualHour();
    String web = "web-" + n;
    Instant signUp = signUp(habit);
    String name = NAMES.get(random.nextInt(NAMES.size()));
    boolean card = random.nextInt(4) == 0;
    browse(web, null, signUp.minus(minutes(5 + random.nextInt(20))), 1 + random.nextInt(3));
    ObjectNode traits =
        JSON.objectNode()
            .put("email", name.toLowerCase() + "." + userId(n) + "@example.com")
            .put("first_name", name)
            .put("timezone", zone.getId());
    if (card) {
      traits.put("loyalty_card", "LC-" + (100000 + n));
    }
    ObjectNode identify = call("identify", web, userId(n), signUp);
    identify.set("traits", traits);
    add(signUp, identify);
    List<Instant> when = orderTimes(habit, signUp, zone, hour);
    Item usual = pick(DemoCatalog.consumables());
    for (Instant at : when) {
      boolean inStore = card && random.nextInt(3) == 0;
      order(n, inStore ? null : web, inStore, habit, usual, at);
    }
    opens(n, web, signUp, zone, hour);
    if (random.nextInt(5) == 0) {
      secondDevice(n, signUp);
    }
  }

  private Habit habit() {
    int roll = random.nextInt(100);
    if (roll < 18) {
      return Habit.REGULAR;
    } else if (roll < 32) {
      return Habit.CONSUMABLES;
    } else if (roll < 50) {
      return Habit.LAPSING;
    } else if (roll < 56) {
      return Habit.WON_BACK;
    } else if (roll < 86) {
      return Habit.ONE_TIME;
    } else if (roll < 95) {
      return Habit.NEW;
    }
    return Habit.BIG_SPENDER;
  }

  /** Morning, lunch or evening people. */
  private int habitualHour() {
    int[] hours = {7, 8, 12, 13, 18, 19, 20, 21};
    return hours[random.nextInt(hours.length)];
  }

  private Instant signUp(Habit habit) {
    int daysAgo =
        switch (habit) {
          case NEW -> 1 + random.nextInt(30);
          case LAPSING, WON_BACK -> 250 + random.nextInt(DAYS - 250);
          default -> 30 + random.nextInt(DAYS - 30);
        };
    return end.minus(Duration.ofDays(daysAgo)).minus(minutes(random.nextInt(24 * 60)));
  }

  private List<Instant> orderTimes(Habit habit, Instant first, ZoneId zone, int hour) {
    List<Instant> times = new ArrayList<>();
    Instant at = first.plus(minutes(10 + random.nextInt(50)));
    times.add(at);
    switch (habit) {
      case REGULAR, BIG_SPENDER -> repeat(times, at, 20, 50, Integer.MAX_VALUE, zone, hour);
      case CONSUMABLES -> repeat(times, at, 25, 38, Integer.MAX_VALUE, zone, hour);
      case LAPSING -> repeat(times, at, 20, 45, 2 + random.nextInt(4), zone, hour);
      case WON_BACK -> {
        repeat(times, at, 20, 40, 2 + random.nextInt(3), zone, hour);
        times.add(atHour(end.minus(Duration.ofDays(1 + random.nextInt(20))), zone, hour));
      }
      case NEW -> {
        if (random.nextBoolean()) {
          repeat(times, at, 5, 15, 1, zone, hour);
        }
      }
      case ONE_TIME -> {}
    }
    times.removeIf(t -> t.isAfter(end));
    return times;
  }

  private void repeat(
      List<Instant> times, Instant from, int minGap, int maxGap, int count, ZoneId zone, int hour) {
    Instant at = from;
    for (int i = 0; i < count; i++) {
      at = at.plus(Duration.ofDays(minGap + random.nextInt(maxGap - minGap + 1)));
      if (at.isAfter(end)) {
        return;
      }
      times.add(atHour(at, zone, hour));
    }
  }

  /** The same day at about the person's hour, in their zone (never after the end). */
  private Instant atHour(Instant day, ZoneId zone, int hour) {
    ZonedDateTime local = day.atZone(zone).withHour(hour).withMinute(random.nextInt(60));
    Instant at = local.plusHours(random.nextInt(3) - 1).toInstant();
    return at.isAfter(end) ? end.minus(minutes(1 + random.nextInt(30))) : at;
  }

  private void order(int n, String device, boolean inStore, Habit habit, Item usual, Instant at) {
    String orderId = (inStore ? "POS-" : "WEB-") + (100000 + ++orders);
    ArrayNode products = JSON.arrayNode();
    BigDecimal total = BigDecimal.ZERO;
    List<Item> basket = new ArrayList<>();
    if (habit == Habit.CONSUMABLES || random.nextInt(3) == 0) {
      basket.add(usual);
    }
    int extra = habit == Habit.BIG_SPENDER ? 2 + random.nextInt(3) : random.nextInt(2);
    for (int i = 0; i < extra || basket.isEmpty(); i++) {
      basket.add(pick(habit == Habit.CONSUMABLES ? DemoCatalog.consumables() : DemoCatalog.ITEMS));
    }
    for (Item item : basket) {
      int quantity = habit == Habit.BIG_SPENDER ? 2 + random.nextInt(3) : 1;
      products.add(product(item).put("quantity", quantity));
      total = total.add(item.price().multiply(BigDecimal.valueOf(quantity)));
    }
    if (device != null) {
      add(at.minus(minutes(3 + random.nextInt(10))), viewed(device, userId(n), basket.get(0), at));
    }
    ObjectNode properties =
        JSON.objectNode().put("order_id", orderId).put("revenue", total).put("currency", "GBP");
    properties.set("products", products);
    ObjectNode order;
    if (inStore) {
      // the till knows the loyalty card, not the customer's user id
      order = call("track", "pos-" + orderId, null, at);
      order.putObject("context").putObject("traits").put("loyalty_card", "LC-" + (100000 + n));
      properties.put("channel", "store");
    } else {
      order = call("track", device, userId(n), at);
    }
    order.put("event", "Order Completed").set("properties", properties);
    add(at, order);
    if (random.nextInt(25) == 0) {
      ObjectNode refund = call("track", device, userId(n), at.plus(Duration.ofDays(4)));
      if (inStore) {
        refund.put("anonymousId", "pos-" + orderId);
        refund.putObject("context").putObject("traits").put("loyalty_card", "LC-" + (100000 + n));
      }
      refund.put("event", "Order Refunded").putObject("properties").put("order_id", orderId);
      if (!at.plus(Duration.ofDays(4)).isAfter(end)) {
        add(at.plus(Duration.ofDays(4)), refund);
      }
    }
  }

  /** Newsletter opens, about every other week, at the person's own hour. */
  private void opens(int n, String web, Instant from, ZoneId zone, int hour) {
    for (Instant day = from.plus(Duration.ofDays(7));
        day.isBefore(end);
        day = day.plus(Duration.ofDays(14))) {
      if (random.nextInt(4) == 0) {
        Instant at = atHour(day, zone, hour);
        ObjectNode open = call("track", web, userId(n), at);
        open.put("event", "Email Opened").putObject("properties").put("campaign", "newsletter");
        add(at, open);
      }
    }
  }

  /** Browses on a phone without logging in, then logs in there: the two profiles merge. */
  private void secondDevice(int n, Instant signUp) {
    long span = Duration.between(signUp, end).toMinutes();
    if (span < 120) {
      return;
    }
    Instant at = signUp.plus(minutes(60 + (long) (random.nextDouble() * (span - 120))));
    String phone = "app-" + n;
    browse(phone, null, at, 2 + random.nextInt(3));
    add(at.plus(minutes(20)), call("identify", phone, userId(n), at.plus(minutes(20))));
  }

  /** A checkout without an account: an order, not a customer. */
  private void guest(int n) {
    person = -n;
    Instant at = end.minus(Duration.ofMinutes((long) (random.nextDouble() * DAYS * 24 * 60)));
    String device = "guest-web-" + n;
    Item item = pick(DemoCatalog.ITEMS);
    add(at.minus(minutes(4)), viewed(device, null, item, at));
    ObjectNode order = call("track", device, null, at);
    ObjectNode properties =
        order
            .put("event", "Order Completed")
            .putObject("properties")
            .put("order_id", "GST-" + (100000 + n))
            .put("revenue", item.price())
            .put("currency", "GBP");
    properties.putArray("products").add(product(item).put("quantity", 1));
    add(at, order);
  }

  private void browse(String device, String userId, Instant at, int views) {
    for (int i = 0; i < views; i++) {
      add(
          at.plus(minutes(i)),
          viewed(device, userId, pick(DemoCatalog.ITEMS), at.plus(minutes(i))));
    }
  }

  private ObjectNode viewed(String device, String userId, Item item, Instant at) {
    ObjectNode view = call("track", device, userId, at);
    view.put("event", "Product Viewed").set("properties", product(item));
    return view;
  }

  private ObjectNode call(String type, String anonymousId, String userId, Instant at) {
    ObjectNode call =
        JSON.objectNode()
            .put("type", type)
            .put("messageId", "demo-history-" + (++sequence))
            .put("timestamp", at.toString());
    if (anonymousId != null) {
      call.put("anonymousId", anonymousId);
    }
    if (userId != null) {
      call.put("userId", userId);
    }
    return call;
  }

  private void add(Instant at, ObjectNode call) {
    if (!at.isAfter(end)) {
      call.put("timestamp", at.toString());
      calls.add(new Call(at, person, call));
    }
  }

  private Item pick(List<Item> items) {
    return items.get(random.nextInt(items.size()));
  }

  static ObjectNode product(Item item) {
    return JSON.objectNode()
        .put("product_id", item.id())
        .put("name", item.name())
        .put("category", item.category())
        .put("price", item.price());
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
