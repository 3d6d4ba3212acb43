package dev.kairos.segment.store.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.segment.condition.Operator;
import dev.kairos.segment.condition.ProfileField;
import dev.kairos.segment.condition.ValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Random valid condition JSON over the values a {@link RandomWorld} holds. */
final class RandomConditions {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final RandomWorld world;
  private final boolean segments;

  RandomConditions(RandomWorld world, boolean segments) {
    this.world = world;
    this.segments = segments;
  }

  JsonNode condition(int depth) {
    int roll = world.random.nextInt(depth > 0 ? 12 : 9);
    switch (roll) {
      case 0:
      case 1:
        return trait();
      case 2:
      case 3:
        return field();
      case 4:
      case 5:
        return performed();
      case 6:
        return performedAt();
      case 7:
        return JSON.objectNode().put("identifier", world.pick(RandomWorld.KINDS));
      case 8:
        if (segments && world.random.nextBoolean()) {
          return JSON.objectNode().put("segment", "s1");
        }
        return world.random.nextInt(4) == 0 ? consent() : trait();
      case 9:
        return JSON.objectNode().set("not", condition(depth - 1));
      default:
        ObjectNode group = JSON.objectNode();
        ArrayNode items = group.putArray(world.random.nextBoolean() ? "and" : "or");
        int n = 1 + world.random.nextInt(3);
        for (int i = 0; i < n; i++) {
          items.add(condition(depth - 1));
        }
        return group;
    }
  }

  private JsonNode trait() {
    String name = world.pick(List.of("city", "age", "vip", "birthday", "signup", "missing"));
    ValueType type =
        switch (name) {
          case "city" -> ValueType.STRING;
          case "age" -> ValueType.NUMBER;
          case "vip" -> ValueType.BOOLEAN;
          case "missing" -> world.pick(Arrays.asList(ValueType.values()));
          default -> ValueType.DATE;
        };
    ObjectNode node = JSON.objectNode().put("trait", name);
    if (world.random.nextBoolean()) {
      node.put("type", type.name().toLowerCase());
    }
    comparison(node, type, name);
    return node;
  }

  private JsonNode field() {
    ProfileField field = world.pick(Arrays.asList(ProfileField.values()));
    ObjectNode node = JSON.objectNode().put("field", field.key());
    comparison(node, field.type(), field.key());
    return node;
  }

  private JsonNode performed() {
    ObjectNode node = JSON.objectNode().put("performed", world.pick(RandomWorld.EVENTS));
    if (world.random.nextInt(3) == 0) {
      ArrayNode where = node.putArray("where");
      int n = 1 + world.random.nextInt(2);
      for (int i = 0; i < n; i++) {
        String property =
            world.pick(
                List.of(
                    "category",
                    "price",
                    "products[].category",
                    "products[].price",
                    "shipping.country"));
        ValueType type = property.endsWith("price") ? ValueType.NUMBER : ValueType.STRING;
        ObjectNode filter = where.addObject().put("property", property);
        comparison(filter, type, property);
      }
    }
    if (world.random.nextBoolean()) {
      ObjectNode count = node.putObject("count");
      Operator op =
          world.pick(
              List.of(
                  Operator.EQ,
                  Operator.NEQ,
                  Operator.GT,
                  Operator.GTE,
                  Operator.LT,
                  Operator.LTE,
                  Operator.BETWEEN));
      count.put("op", op.key());
      if (op == Operator.BETWEEN) {
        int low = world.random.nextInt(3);
        count.putArray("value").add(low).add(low + world.random.nextInt(3));
      } else {
        count.put("value", world.random.nextInt(4));
      }
    }
    int window = world.random.nextInt(4);
    if (window == 3) {
      node.put("within_hours", world.random.nextInt(72));
    } else if (window == 0) {
      node.put("within_days", world.random.nextInt(35));
    } else if (window == 1) {
      LocalDate from =
          LocalDate.ofInstant(world.base, ZoneOffset.UTC).minusDays(world.random.nextInt(40));
      node.putArray("between")
          .add(from.toString())
          .add(from.plusDays(world.random.nextInt(20)).toString());
    }
    return node;
  }

  private JsonNode performedAt() {
    ObjectNode node =
        JSON.objectNode()
            .put(
                world.random.nextBoolean() ? "first_performed" : "last_performed",
                world.pick(RandomWorld.EVENTS));
    comparison(node, ValueType.DATE, "performed");
    return node;
  }

  private void comparison(ObjectNode node, ValueType type, String what) {
    boolean property = node.has("property");
    List<Operator> ops =
        Arrays.stream(Operator.values())
            .filter(op -> op.appliesTo(type))
            .filter(op -> !property || op.operand() != Operator.Operand.AMOUNT)
            .toList();
    Operator op = world.pick(ops);
    node.put("op", op.key());
    switch (op.operand()) {
      case NONE:
        return;
      case ONE:
        node.set("value", value(type, what));
        return;
      case LIST:
        ArrayNode list = node.putArray("value");
        int n = 1 + world.random.nextInt(3);
        for (int i = 0; i < n; i++) {
          list.add(value(type, what));
        }
        return;
      case PAIR:
        JsonNode a = value(type, what);
        JsonNode b = value(type, what);
        boolean swap =
            type == ValueType.NUMBER
                ? a.decimalValue().compareTo(b.decimalValue()) > 0
                : dev.kairos.segment.condition.DateText.parse(a.asText())
                    .get()
                    .isAfter(dev.kairos.segment.condition.DateText.parse(b.asText()).get());
        node.putArray("value").add(swap ? b : a).add(swap ? a : b);
        return;
      default:
        boolean hours = op.key().contains("hours");
        node.put("value", hours ? world.random.nextInt(50) : world.random.nextInt(40));
    }
  }

  private JsonNode value(ValueType type, String what) {
    switch (type) {
      case STRING:
        if (what.contains("category")) {
          return JSON.textNode(world.pick(RandomWorld.CATEGORIES));
        }
        if (what.contains("country")) {
          return JSON.textNode(world.pick(List.of("GB", "FR", "G")));
        }
        if (what.equals("rfm_cell")) {
          return JSON.textNode(world.pick(RandomWorld.CELLS));
        }
        if (what.equals("lifecycle_stage")) {
          return JSON.textNode(world.pick(RandomWorld.STAGES));
        }
        if (what.equals("time_zone")) {
          return JSON.textNode(world.pick(RandomWorld.ZONES));
        }
        return JSON.textNode(world.pick(RandomWorld.CITIES));
      case NUMBER:
        return JSON.numberNode(
            world.pick(
                List.of(
                    new BigDecimal("0"),
                    new BigDecimal("1"),
                    new BigDecimal("2"),
                    new BigDecimal("3"),
                    new BigDecimal("17"),
                    new BigDecimal("18"),
                    new BigDecimal("18.5"),
                    new BigDecimal("100"),
                    new BigDecimal("0.3"),
                    new BigDecimal("0.5"),
                    new BigDecimal("50"),
                    new BigDecimal("12.34"),
                    new BigDecimal("30"),
                    BigDecimal.valueOf(world.random.nextInt(100_000), 2))));
      case BOOLEAN:
        return JSON.booleanNode(world.random.nextBoolean());
      default:
        return JSON.textNode(world.dateText(world.near(40).plus(Duration.ofMillis(0))));
    }
  }

  private ObjectNode consent() {
    ObjectNode consent = JSON.objectNode().put("consent", world.pick(RandomWorld.CONSENT_CHANNELS));
    if (world.random.nextInt(4) != 0) {
      consent.put("topic", world.pick(List.of("promotions", "newsletter", "cart_reminders")));
    }
    return consent;
  }
}
