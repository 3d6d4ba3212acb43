package dev.kairos.app.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * A small simulated shop for {@code kairos demo}: visitors browse anonymously, add to cart, sign
 * up, buy, sometimes return things — sent as Segment calls to the node's own tracking API.
 */
public final class SimulatedShop {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  record Item(String id, String name, String category, BigDecimal price) {}

  private static final List<Item> CATALOG =
      List.of(
          new Item("mug-001", "Stoneware Mug", "Kitchen", new BigDecimal("12.00")),
          new Item("tea-010", "Breakfast Tea 250g", "Pantry", new BigDecimal("6.50")),
          new Item("pot-100", "Tea Pot", "Kitchen", new BigDecimal("34.00")),
          new Item("apr-200", "Linen Apron", "Textiles", new BigDecimal("24.00")),
          new Item("cof-020", "Coffee Beans 1kg", "Pantry", new BigDecimal("21.00")),
          new Item("twl-300", "Tea Towel Set", "Textiles", new BigDecimal("15.00")),
          new Item("grd-400", "Coffee Grinder", "Kitchen", new BigDecimal("59.00")));
  private static final List<String> NAMES =
      List.of("Ann", "Ben", "Chloe", "Dev", "Ema", "Finn", "Grace", "Hugo", "Isla", "Jon");

  /**
   * One simulated person: anonymous until they sign up, or a customer of the back-filled history
   * back on a new device, anonymous until they log in (then the device's profile merges into
   * theirs).
   */
  private static final class Visitor {
    final String anonymousId;
    final String name;
    final String userId;
    final boolean returning;
    boolean known;
    final List<Item> cart = new ArrayList<>();

    Visitor(int n, Random random, int historyCustomers) {
      anonymousId = "demo-anon-" + n;
      name = NAMES.get(random.nextInt(NAMES.size()));
      returning = historyCustomers > 0 && random.nextBoolean();
      userId = returning ? DemoHistory.userId(1 + random.nextInt(historyCustomers)) : "demo-" + n;
    }

    String email() {
      return name.toLowerCase() + "." + userId + "@example.com";
    }
  }

  private final URI batchUri;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Random random;
  private final PrintStream out;
  private final List<Visitor> visitors = new ArrayList<>();
  private final int historyCustomers;
  private int orders;

  public SimulatedShop(String baseUrl, String writeKey, long seed, PrintStream out) {
    this(baseUrl, writeKey, seed, out, 0);
  }

  /**
   * @param historyCustomers how many customers the back-filled history has (some come back); 0 when
   *     there is none
   */
  public SimulatedShop(
      String baseUrl, String writeKey, long seed, PrintStream out, int historyCustomers) {
    this.historyCustomers = historyCustomers;
    this.batchUri = URI.create(baseUrl + "/v1/batch");
    this.authorization =
        "Basic "
            + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    this.random = new Random(seed);
    this.out = out;
  }

  /** One step of shop life: a few visitors do one thing each. Returns the events sent. */
  public int step() throws IOException, InterruptedException {
    if (visitors.size() < 40 && (visitors.isEmpty() || random.nextInt(3) == 0)) {
      visitors.add(new Visitor(visitors.size() + 1, random, historyCustomers));
    }
    ArrayNode batch = JSON.arrayNode();
    for (int i = 0; i < 3 && !visitors.isEmpty(); i++) {
      act(visitors.get(random.nextInt(visitors.size())), batch);
    }
    ObjectNode body = JSON.objectNode();
    body.set("batch", batch);
    body.putObject("context").putObject("library").put("name", "kairos-demo");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(batchUri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      out.println(
          "demo: the tracking API answered " + response.statusCode() + ": " + response.body());
    }
    return batch.size();
  }

  private void act(Visitor v, ArrayNode batch) {
    int roll = random.nextInt(10);
    Item item = CATALOG.get(random.nextInt(CATALOG.size()));
    if (roll < 4) {
      batch.add(track(v, "Product Viewed", product(item)));
    } else if (roll < 6) {
      v.cart.add(item);
      batch.add(track(v, "Product Added", product(item).put("quantity", 1)));
    } else if (roll < 7 && !v.known) {
      v.known = true;
      ObjectNode identify = call(v, "identify");
      if (v.returning) {
        out.printf("demo: customer %s logged in on a new device%n", v.userId);
      } else {
        identify.putObject("traits").put("email", v.email()).put("first_name", v.name);
        out.printf("demo: %s signed up as %s%n", v.name, v.email());
      }
      batch.add(identify);
    } else if (roll < 9 && v.known && !v.cart.isEmpty()) {
      batch.add(order(v));
    } else {
      ObjectNode page = call(v, "page");
      page.put("name", "Home");
      batch.add(page);
    }
  }

  private ObjectNode order(Visitor v) {
    orders++;
    ObjectNode properties = JSON.objectNode();
    String orderId = "DEMO-" + (1000 + orders);
    BigDecimal total = BigDecimal.ZERO;
    ArrayNode products = properties.putArray("products");
    for (Item item : v.cart) {
      products.add(product(item).put("quantity", 1));
      total = total.add(item.price());
    }
    properties.put("order_id", orderId).put("revenue", total).put("currency", "GBP");
    out.printf(
        "demo: %s completed order %s (£%s, %d items)%n", v.name, orderId, total, v.cart.size());
    v.cart.clear();
    return track(v, "Order Completed", properties);
  }

  private ObjectNode track(Visitor v, String event, ObjectNode properties) {
    ObjectNode call = call(v, "track");
    call.put("event", event);
    call.set("properties", properties);
    return call;
  }

  private ObjectNode call(Visitor v, String type) {
    ObjectNode call = JSON.objectNode().put("type", type).put("anonymousId", v.anonymousId);
    if (v.known) {
      call.put("userId", v.userId);
    }
    return call;
  }

  private static ObjectNode product(Item item) {
    return JSON.objectNode()
        .put("product_id", item.id())
        .put("name", item.name())
        .put("category", item.category())
        .put("price", item.price());
  }
}
