package dev.kairos.segment.store.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random people for the evaluator property: profiles with traits of every type (and values of the
 * wrong type, hostile-looking strings, impossible dates), computed fields, identifiers, events with
 * properties, a merged profile, time zones; and instants chosen on the edges that matter.
 */
final class RandomWorld {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final List<String> EVENTS = List.of("Product Viewed", "Order Completed", "Signed Up");
  static final List<String> CITIES =
      List.of("York", "york", "Leeds", "${jndi:ldap://x/a}", "#{7*7}", "");
  static final List<String> CATEGORIES = List.of("Shoes", "Hats", "Shoe", "${x}");
  static final List<String> ZONES =
      List.of(
          "UTC",
          "Europe/London",
          "America/New_York",
          "Asia/Kolkata",
          "Pacific/Kiritimati",
          "America/St_Johns",
          "Not/AZone",
          "Australia/Lord_Howe");
  static final List<String> CELLS = List.of("CHAMPIONS", "AT_RISK", "CANNOT_LOSE_THEM");
  static final List<String> STAGES = List.of("new", "active", "at_risk", "lapsed");
  static final List<String> KINDS = List.of("email", "phone", "userId", "anonymousId");

  private static final java.time.format.DateTimeFormatter ISO =
      java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  record Event(String name, Instant at, ObjectNode properties) {}

  record Profile(
      UUID id,
      UUID mergedInto,
      String zone,
      ObjectNode traits,
      int ordersCount,
      BigDecimal revenue,
      int refundsCount,
      Instant firstOrderAt,
      Instant lastOrderAt,
      Integer cartItems,
      BigDecimal cartValue,
      Instant cartUpdatedAt,
      Instant firstSeenAt,
      Instant lastSeenAt,
      String rfmCell,
      Integer rfmRecency,
      String lifecycleStage,
      Double pAlive,
      Double churnRisk,
      BigDecimal clvPredicted,
      Double expectedOrders90d,
      Integer bestSendHour,
      boolean suppressed,
      List<String> identifierKinds,
      List<Event> events,
      ObjectNode consent) {}

  static final List<String> CONSENT_CHANNELS = List.of("email", "sms");
  static final List<String> CONSENT_TOPICS = List.of("promotions", "newsletter", "all");

  final Random random;
  final Instant base;
  final List<Profile> profiles = new ArrayList<>();
  final List<Instant> edges = new ArrayList<>();

  RandomWorld(long seed) {
    random = new Random(seed);
    base =
        Instant.parse("2026-03-01T00:00:00Z")
            .plus(Duration.ofDays(random.nextInt(300)))
            .plusMillis(random.nextInt(86_400_000));
    int people = 1 + random.nextInt(5);
    for (int i = 0; i < people; i++) {
      profiles.add(profile(null));
    }
    if (random.nextInt(3) == 0) {
      profiles.add(profile(profiles.get(0).id()));
    }
  }

  /** An instant to evaluate at: anywhere, at midnight UTC, or on an edge some value makes. */
  Instant now() {
    int pick = random.nextInt(4);
    if (pick == 0 || edges.isEmpty()) {
      return base;
    }
    if (pick == 1) {
      return base.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(random.nextInt(3)));
    }
    Instant edge = edges.get(random.nextInt(edges.size()));
    return pick == 2
        ? edge.plus(Duration.ofDays(random.nextInt(40)))
        : edge.plus(Duration.ofHours(random.nextInt(50)));
  }

  private Profile profile(UUID mergedInto) {
    UUID id = new UUID(random.nextLong(), random.nextLong());
    boolean buyer = random.nextBoolean();
    Instant lastOrder = buyer ? near(120) : null;
    Integer cartItems = random.nextBoolean() ? 1 + random.nextInt(4) : null;
    List<String> kinds = new ArrayList<>();
    for (String kind : KINDS) {
      if (random.nextBoolean()) {
        kinds.add(kind);
      }
    }
    List<Event> events = new ArrayList<>();
    int n = random.nextInt(10);
    for (int i = 0; i < n; i++) {
      events.add(new Event(pick(EVENTS), eventTime(), properties()));
    }
    return new Profile(
        id,
        mergedInto,
        random.nextInt(4) == 0 ? null : pick(ZONES),
        traits(),
        buyer ? 1 + random.nextInt(4) : 0,
        buyer ? BigDecimal.valueOf(random.nextInt(100_000), 2) : BigDecimal.ZERO,
        random.nextInt(3),
        buyer ? lastOrder.minus(Duration.ofDays(random.nextInt(300))) : null,
        lastOrder,
        cartItems,
        cartItems == null ? null : BigDecimal.valueOf(random.nextInt(20_000), 2),
        cartItems == null ? null : near(3),
        random.nextBoolean() ? near(60) : null,
        random.nextBoolean() ? near(10) : null,
        random.nextBoolean() ? pick(CELLS) : null,
        random.nextBoolean() ? 1 + random.nextInt(5) : null,
        random.nextBoolean() ? pick(STAGES) : null,
        random.nextBoolean()
            ? pick(List.of(0.1, 0.30000000000000004, 0.5, random.nextDouble()))
            : null,
        random.nextBoolean() ? random.nextDouble() : null,
        random.nextBoolean() ? BigDecimal.valueOf(random.nextInt(100_000), 2) : null,
        random.nextBoolean() ? random.nextDouble() * 3 : null,
        random.nextBoolean() ? random.nextInt(24) : null,
        random.nextInt(5) == 0,
        kinds,
        events,
        consent());
  }

  /** Answers per channel and topic as the profile keeps them, with odd values now and then. */
  private ObjectNode consent() {
    ObjectNode consent = JSON.objectNode();
    for (String channel : CONSENT_CHANNELS) {
      int shape = random.nextInt(6);
      if (shape == 0) {
        continue;
      }
      if (shape == 1) {
        consent.put(channel, "yes"); // not an object: no answer
        continue;
      }
      ObjectNode topics = consent.putObject(channel);
      for (String topic : CONSENT_TOPICS) {
        int answer = random.nextInt(5);
        if (answer == 0) {
          topics.put(topic, true);
        } else if (answer == 1) {
          topics.put(topic, false);
        } else if (answer == 2 && shape == 2) {
          topics.put(topic, "true"); // a string, not an answer
        }
      }
    }
    return consent;
  }

  private Instant eventTime() {
    return random.nextInt(4) == 0
        ? base.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(random.nextInt(40)))
        : near(40);
  }

  /**
   * An instant within {@code days} days of the base, millisecond precision, remembered as an edge.
   */
  Instant near(int days) {
    long span = Duration.ofDays(days).toMillis();
    Instant at = base.plusMillis((long) (random.nextDouble() * 2 * span) - span);
    if (random.nextInt(4) == 0) {
      at = base.minus(Duration.ofDays(random.nextInt(days + 1))); // exactly whole days away
    }
    edges.add(at);
    return at;
  }

  private ObjectNode traits() {
    ObjectNode traits = JSON.objectNode();
    maybe(
        traits,
        "city",
        () -> random.nextInt(5) == 0 ? JSON.numberNode(7) : JSON.textNode(pick(CITIES)));
    maybe(
        traits,
        "age",
        () ->
            random.nextInt(5) == 0
                ? JSON.textNode("18")
                : JSON.numberNode(
                    pick(
                        List.of(
                            new BigDecimal("0"),
                            new BigDecimal("17"),
                            new BigDecimal("18"),
                            new BigDecimal("18.5"),
                            new BigDecimal("-3"),
                            new BigDecimal("1E+2")))));
    maybe(
        traits,
        "vip",
        () ->
            random.nextInt(4) == 0
                ? JSON.textNode("true")
                : JSON.booleanNode(random.nextBoolean()));
    maybe(traits, "birthday", this::birthday);
    maybe(traits, "signup", () -> JSON.textNode(dateText(near(30))));
    return traits;
  }

  private com.fasterxml.jackson.databind.JsonNode birthday() {
    int pick = random.nextInt(6);
    if (pick == 0) {
      return JSON.textNode(
          pick(List.of("2000-02-29", "2026-02-30", "03/05/1990", "1999-12-31T23:30:00-05:00")));
    }
    LocalDate today = LocalDate.ofInstant(base, ZoneOffset.UTC);
    LocalDate day = today.minusYears(10 + random.nextInt(50)).plusDays(random.nextInt(21) - 10);
    return JSON.textNode(day.toString());
  }

  /** A date as a trait holds it: an ISO date or an instant with one of several offsets. */
  String dateText(Instant at) {
    return switch (random.nextInt(4)) {
      case 0 -> LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
      case 1 -> ISO.format(at.atOffset(ZoneOffset.ofHoursMinutes(5, 30)));
      case 2 -> ISO.format(at.atOffset(ZoneOffset.ofHours(-8)));
      default -> at.toString();
    };
  }

  private ObjectNode properties() {
    ObjectNode p = JSON.objectNode();
    maybe(p, "category", () -> JSON.textNode(pick(CATEGORIES)));
    maybe(p, "price", () -> JSON.numberNode(BigDecimal.valueOf(random.nextInt(10_000), 2)));
    if (random.nextBoolean()) {
      ArrayNode products = p.putArray("products");
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        ObjectNode item = products.addObject();
        maybe(item, "category", () -> JSON.textNode(pick(CATEGORIES)));
        maybe(item, "price", () -> JSON.numberNode(BigDecimal.valueOf(random.nextInt(10_000), 2)));
      }
    }
    maybe(p, "shipping", () -> JSON.objectNode().put("country", pick(List.of("GB", "FR"))));
    return p;
  }

  private void maybe(
      ObjectNode node,
      String key,
      java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> value) {
    int roll = random.nextInt(10);
    if (roll < 7) {
      node.set(key, value.get());
    } else if (roll == 7) {
      node.putNull(key);
    }
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
