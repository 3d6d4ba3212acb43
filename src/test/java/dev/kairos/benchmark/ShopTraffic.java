package dev.kairos.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Deterministic web-shop traffic as Segment batches, for one sender: the people whose number is
 * {@code sender} modulo {@code senders} (so each person's events leave one sender, in order).
 *
 * <p>A person browses anonymously on a device (page, Products Searched, Product Viewed), puts
 * products in the cart and takes some out, starts a checkout and sometimes completes an order of
 * 1–4 products. A person signs up or logs in with an {@code identify} (userId, email, name, often a
 * phone): on the first device this names the anonymous profile; on a later device it merges that
 * device's anonymous profile into the person's. Most visits are by returning people. A batch
 * interleaves several sessions, as a server-side library or a collector forwards them.
 */
final class ShopTraffic {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int CATALOG_SIZE = 2_000;
  private static final int ACTIVE_SESSIONS = 8;
  private static final int RETURNING_PERCENT = 60;
  private static final String SHOP = "https://shop.example.com";
  private static final String[] CATEGORIES = {
    "Shoes",
    "Jackets",
    "Shirts",
    "Trousers",
    "Bags",
    "Watches",
    "Sunglasses",
    "Socks",
    "Hats",
    "Belts"
  };
  private static final String[] BRANDS = {"Nordlys", "Kestrel", "Umbra", "Fjell", "Aster", "Lumen"};
  private static final String[] FIRST = {
    "Ann", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Lena", "Mia"
  };
  private static final String[] LAST = {
    "Smith", "Müller", "Dubois", "Rossi", "Novak", "Jensen", "García", "Kowalski", "Brown", "Weber"
  };
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/126.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"
  };
  private static final String[][] LOCALES = {
    {"en-GB", "Europe/London"},
    {"de-DE", "Europe/Berlin"},
    {"fr-FR", "Europe/Paris"},
    {"en-US", "America/New_York"},
    {"nl-NL", "Europe/Amsterdam"}
  };

  /** One person of the simulated shop. */
  private static final class Person {
    final int number;
    final List<String> devices = new ArrayList<>();
    final List<Boolean> deviceIdentified = new ArrayList<>();
    boolean identified;
    boolean active;
    int orders;
    final List<Integer> cart = new ArrayList<>();

    Person(int number) {
      this.number = number;
    }
  }

  /** The events of one visit, emitted one at a time. */
  private record Session(Person person, Deque<ObjectNode> events) {}

  private final ObjectMapper mapper;
  private final SplittableRandom random;
  private final int sender;
  private final int senders;
  private final int people;
  private final Map<Integer, Person> persons = new HashMap<>();
  private final List<Person> visited = new ArrayList<>();
  private final List<Session> active = new ArrayList<>();
  private final Map<String, Integer> mix = new TreeMap<>();
  private Instant clock;

  ShopTraffic(ObjectMapper mapper, long seed, int sender, int senders, int people) {
    this.mapper = mapper;
    this.random = new SplittableRandom(seed * 1_000_003L + sender);
    this.sender = sender;
    this.senders = senders;
    this.people = people;
    this.clock = Instant.parse("2025-06-02T08:00:00Z").plusSeconds(sender * 7L);
  }

  /** A batch of events: its JSON body and how many of each kind it holds. */
  record Batch(byte[] body, int size, Map<String, Integer> mix) {}

  Batch next(int size) {
    mix.clear();
    ArrayNode events = JSON.arrayNode();
    for (int i = 0; i < size; i++) {
      events.add(nextEvent());
    }
    ObjectNode root = JSON.objectNode();
    root.set("batch", events);
    root.put("sentAt", clock.plusMillis(150).toString());
    try {
      return new Batch(mapper.writeValueAsBytes(root), size, Map.copyOf(mix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode nextEvent() {
    while (active.size() < ACTIVE_SESSIONS) {
      active.add(newSession());
    }
    int pick = random.nextInt(active.size());
    Session session = active.get(pick);
    ObjectNode event = session.events().poll();
    if (session.events().isEmpty()) {
      session.person().active = false;
      active.remove(pick);
    }
    String kind = event.path("type").asText();
    if (kind.equals("track")) {
      kind = event.path("event").asText();
    }
    mix.merge(kind, 1, Integer::sum);
    clock = clock.plusMillis(5 + random.nextInt(40));
    event.put("timestamp", clock.toString());
    return event;
  }

  private Session newSession() {
    Person person;
    do {
      if (!visited.isEmpty() && random.nextInt(100) < RETURNING_PERCENT) {
        person = visited.get(random.nextInt(visited.size()));
      } else {
        int slot = random.nextInt(Math.max(1, people / senders));
        person = persons.computeIfAbsent(slot * senders + sender, Person::new);
        if (person.devices.isEmpty() && !person.active) {
          visited.add(person);
        }
      }
    } while (person.active);
    person.active = true;
    return new Session(person, visit(person));
  }

  private Deque<ObjectNode> visit(Person p) {
    Deque<ObjectNode> events = new ArrayDeque<>();
    if (p.devices.isEmpty() || (p.identified && random.nextInt(100) < 25)) {
      p.devices.add(uuid());
      p.deviceIdentified.add(false);
    }
    int device =
        p.devices.size() - 1 - (random.nextInt(100) < 20 ? random.nextInt(p.devices.size()) : 0);
    Visit v = new Visit(p, device, random.nextInt(LOCALES.length));
    if (p.identified && !p.deviceIdentified.get(device) && random.nextInt(100) < 50) {
      events.add(v.identify());
    }
    events.add(v.page("Home", "/", null));
    if (random.nextInt(100) < 30) {
      events.add(v.track("Products Searched", JSON.objectNode().put("query", query())));
    }
    int views = 1 + random.nextInt(6);
    for (int i = 0; i < views; i++) {
      int product = random.nextInt(CATALOG_SIZE);
      events.add(v.page("Product", "/products/" + slug(product), product));
      events.add(v.track("Product Viewed", v.product(product, 1).put("position", i + 1)));
      if (random.nextInt(100) < 22 && p.cart.size() < 6) {
        p.cart.add(product);
        events.add(v.track("Product Added", v.product(product, 1 + random.nextInt(2))));
      }
    }
    if (!p.cart.isEmpty() && random.nextInt(100) < 15) {
      int product = p.cart.remove(random.nextInt(p.cart.size()));
      events.add(v.track("Product Removed", v.product(product, 1)));
    }
    if (p.cart.isEmpty()) {
      if (!p.identified && random.nextInt(100) < 4) {
        events.add(v.identify()); // newsletter sign-up
      }
      return events;
    }
    events.add(v.page("Cart", "/cart", null));
    events.add(v.track("Cart Viewed", v.cart()));
    if (random.nextInt(100) < 55) {
      if (!p.deviceIdentified.get(device)) {
        events.add(v.identify()); // sign-up or log-in at checkout
      }
      events.add(v.track("Checkout Started", v.order(null)));
      if (random.nextInt(100) < 65) {
        p.orders++;
        String orderId = "o-" + p.number + "-" + p.orders;
        events.add(v.page("Order Confirmation", "/checkout/done", null));
        events.add(v.track("Order Completed", v.order(orderId)));
        p.cart.clear();
      }
    }
    return events;
  }

  /** One visit of a person on one device: builds its calls. */
  private final class Visit {
    final Person p;
    final int device;
    final String[] locale;
    final String agent;
    final String ip;
    String referrer = "https://www.google.com/";
    String path;
    String title = "Kairos Shop";

    Visit(Person p, int device, int locale) {
      this.p = p;
      this.device = device;
      this.locale = LOCALES[(p.number + locale) % LOCALES.length];
      int seed = p.devices.get(device).hashCode();
      this.agent = AGENTS[Math.floorMod(seed, AGENTS.length)];
      this.ip = "198.51." + Math.floorMod(seed >> 8, 250) + "." + Math.floorMod(seed >> 16, 250);
    }

    ObjectNode identify() {
      p.identified = true;
      p.deviceIdentified.set(device, true);
      ObjectNode event = call("identify");
      String first = FIRST[p.number % FIRST.length];
      String last = LAST[(p.number / FIRST.length) % LAST.length];
      ObjectNode traits = event.putObject("traits");
      traits.put("email", (first + "." + last + "." + p.number + "@example.com").toLowerCase());
      traits.put("first_name", first);
      traits.put("last_name", last);
      if (p.number % 2 == 0) {
        traits.put("phone", "+4915" + (10_000_000 + p.number));
      }
      traits.putObject("address").put("city", "Berlin").put("country", "DE");
      traits.put("created_at", clock.toString());
      return event;
    }

    ObjectNode page(String name, String newPath, Integer product) {
      referrer = path == null ? referrer : SHOP + path;
      path = newPath;
      title = (product == null ? name : name(product)) + " | Kairos Shop";
      ObjectNode event = call("page");
      event.put("name", name);
      ObjectNode properties = event.putObject("properties");
      properties.put("path", path).put("referrer", referrer).put("search", "");
      properties.put("title", title).put("url", SHOP + path);
      return event;
    }

    ObjectNode track(String name, ObjectNode properties) {
      ObjectNode event = call("track");
      event.put("event", name);
      event.set("properties", properties);
      return event;
    }

    ObjectNode product(int product, int quantity) {
      ObjectNode node = JSON.objectNode();
      node.put("product_id", "p-" + product);
      node.put("sku", "SKU-" + (100_000 + product));
      node.put("category", CATEGORIES[product % CATEGORIES.length]);
      node.put("name", name(product));
      node.put("brand", BRANDS[product % BRANDS.length]);
      node.put("variant", product % 3 == 0 ? "black" : "blue");
      node.put("price", price(product));
      node.put("quantity", quantity);
      node.put("currency", "EUR");
      node.put("url", SHOP + "/products/" + slug(product));
      node.put("image_url", "https://cdn.example.com/img/" + slug(product) + ".jpg");
      return node;
    }

    ObjectNode cart() {
      ObjectNode node = JSON.objectNode();
      node.put("cart_id", "c-" + p.number);
      ArrayNode products = node.putArray("products");
      for (int product : p.cart) {
        products.add(product(product, 1));
      }
      return node;
    }

    ObjectNode order(String orderId) {
      ObjectNode node = JSON.objectNode();
      List<Integer> items = new ArrayList<>(p.cart);
      if (orderId != null) {
        node.put("order_id", orderId);
        node.put("checkout_id", "ck-" + p.number + "-" + p.orders);
        node.put("affiliation", "Kairos Shop");
        while (items.size() > 4) {
          items.remove(items.size() - 1);
        }
      }
      ArrayNode products = JSON.arrayNode();
      BigDecimal subtotal = BigDecimal.ZERO;
      for (int product : items) {
        int quantity = 1 + (product % 4 == 0 ? 1 : 0);
        products.add(product(product, quantity));
        subtotal = subtotal.add(price(product).multiply(BigDecimal.valueOf(quantity)));
      }
      BigDecimal shipping = new BigDecimal("4.90");
      BigDecimal tax = subtotal.multiply(new BigDecimal("0.19")).setScale(2, RoundingMode.HALF_UP);
      boolean coupon = random.nextInt(100) < 20;
      BigDecimal discount = coupon ? new BigDecimal("5.00") : BigDecimal.ZERO;
      node.put("subtotal", subtotal);
      node.put("revenue", subtotal.subtract(discount));
      node.put("total", subtotal.add(shipping).subtract(discount));
      node.put("shipping", shipping);
      node.put("tax", tax);
      node.put("discount", discount);
      if (coupon) {
        node.put("coupon", "SUMMER5");
      }
      node.put("currency", "EUR");
      node.set("products", products);
      return node;
    }

    private ObjectNode call(String type) {
      ObjectNode event = JSON.objectNode();
      event.put("type", type);
      event.put("messageId", uuid());
      event.put("anonymousId", p.devices.get(device));
      if (p.deviceIdentified.get(device)) {
        event.put("userId", "user-" + p.number);
      }
      ObjectNode context = event.putObject("context");
      context.putObject("library").put("name", "analytics.js").put("version", "next-1.72.0");
      context.put("ip", ip);
      context.put("userAgent", agent);
      context.put("locale", locale[0]);
      context.put("timezone", locale[1]);
      context.putObject("screen").put("width", 1440).put("height", 900).put("density", 2);
      String at = path == null ? "/" : path;
      ObjectNode page = context.putObject("page");
      page.put("path", at).put("referrer", referrer).put("search", "");
      page.put("title", title).put("url", SHOP + at);
      return event;
    }
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String query() {
    return CATEGORIES[random.nextInt(CATEGORIES.length)].toLowerCase()
        + " "
        + BRANDS[random.nextInt(BRANDS.length)].toLowerCase();
  }

  private static String name(int product) {
    return BRANDS[product % BRANDS.length]
        + " "
        + CATEGORIES[product % CATEGORIES.length]
        + " "
        + product;
  }

  private static String slug(int product) {
    return name(product).toLowerCase().replace(' ', '-');
  }

  private static BigDecimal price(int product) {
    return BigDecimal.valueOf(1_990 + (product * 7_919L) % 18_000, 2);
  }
}
