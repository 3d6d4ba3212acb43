package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a condition as the JSON {@link ConditionParser} reads back into an equal condition. */
public final class ConditionJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ConditionJson() {}

  public static ObjectNode toJson(Condition condition) {
    ObjectNode node = JSON.objectNode();
    if (condition instanceof Condition.And and) {
      ArrayNode all = node.putArray("and");
      and.all().forEach(c -> all.add(toJson(c)));
    } else if (condition instanceof Condition.Or or) {
      ArrayNode any = node.putArray("or");
      or.any().forEach(c -> any.add(toJson(c)));
    } else if (condition instanceof Condition.Not not) {
      node.set("not", toJson(not.negated()));
    } else if (condition instanceof Condition.Trait trait) {
      node.put("trait", trait.name());
      node.put("type", trait.comparison().type().key());
      comparison(node, trait.comparison());
    } else if (condition instanceof Condition.Field field) {
      node.put("field", field.field().key());
      comparison(node, field.comparison());
    } else if (condition instanceof Condition.Performed performed) {
      performed(node, performed);
    } else if (condition instanceof Condition.PerformedAt at) {
      node.put(at.edge().key(), at.event());
      comparison(node, at.comparison());
    } else if (condition instanceof Condition.InSegment in) {
      node.put("segment", in.key());
    } else if (condition instanceof Condition.HasIdentifier identifier) {
      node.put("identifier", identifier.kind());
    } else if (condition instanceof Condition.Consent consent) {
      node.put("consent", consent.channel());
      if (consent.topic() != null) {
        node.put("topic", consent.topic());
      }
    }
    return node;
  }

  private static void performed(ObjectNode node, Condition.Performed performed) {
    node.put("performed", performed.event());
    if (!performed.where().isEmpty()) {
      ArrayNode where = node.putArray("where");
      for (PropertyFilter filter : performed.where()) {
        ObjectNode f = where.addObject().put("property", filter.path());
        f.put("type", filter.comparison().type().key());
        comparison(f, filter.comparison());
      }
    }
    if (!performed.count().equals(Comparison.AT_LEAST_ONCE)) {
      comparison(node.putObject("count"), performed.count());
    }
    if (performed.window() instanceof Window.WithinDays within) {
      node.put("within_days", within.days());
    } else if (performed.window() instanceof Window.WithinHours within) {
      node.put("within_hours", within.hours());
    } else if (performed.window() instanceof Window.Between between) {
      node.putArray("between").add(between.from().toString()).add(between.to().toString());
    }
  }

  private static void comparison(ObjectNode node, Comparison comparison) {
    node.put("op", comparison.op().key());
    switch (comparison.op().operand()) {
      case NONE:
        break;
      case ONE:
      case AMOUNT:
        node.set("value", value(comparison.value()));
        break;
      default:
        ArrayNode values = node.putArray("value");
        comparison.values().forEach(v -> values.add(value(v)));
    }
  }

  /** A value as JSON. */
  public static JsonNode value(Value value) {
    if (value instanceof Value.Text text) {
      return JSON.textNode(text.text());
    }
    if (value instanceof Value.Number number) {
      return JSON.numberNode(number.number());
    }
    if (value instanceof Value.Bool bool) {
      return JSON.booleanNode(bool.bool());
    }
    if (value instanceof Value.Moment moment) {
      return JSON.textNode(moment.text());
    }
    return JSON.numberNode(((Value.Amount) value).amount());
  }
}
