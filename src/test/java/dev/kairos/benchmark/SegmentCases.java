package dev.kairos.benchmark;

import java.math.BigDecimal;
import java.util.List;

/**
 * The segments {@link SegmentBenchmark} recomputes: the behavioural segment (in 30 days and
 * over all events), built-ins, and conditions of each kind (trait, field, performed with a count
 * and a window, a property filter, nested and/or/not), each with the same computation written for
 * DuckDB over the exported Parquet files where one is written ({@code null}: Kairos only).
 *
 * <p>DuckDB reads {@code profiles} (id, city, plan, age, orders_count, revenue, last_order_at,
 * cart_value, has_email …) and {@code events} (profile_id, event, occurred_at, category) as views
 * over the Parquet files; {@code $WINDOW30} is the first instant of the 30-day window (UTC midnight
 * 30 days before today, as Kairos counts whole UTC days), {@code $NOW} the benchmark's instant,
 * {@code $AOV_CUT} / {@code $VIP_CUT} the thresholds the built-ins were given.
 */
final class SegmentCases {
  /** One segment: its key, whether it is a built-in, its condition (null: the built-in's own). */
  record Case(String key, String what, String condition, String duckdb) {}

  private SegmentCases() {}

  static List<Case> all() {
    return List.of(
        new Case(
            "keen_browsers",
            "Product Viewed ≥ 3 times in 30 days and no Order Completed in 30 days",
            """
            {"and": [
              {"performed": "Product Viewed", "count": {"op": "gte", "value": 3}, "within_days": 30},
              {"performed": "Order Completed", "count": {"op": "eq", "value": 0}, "within_days": 30}]}
            """,
            "select count(*) from (select profile_id from events where occurred_at >= $WINDOW30"
                + " group by profile_id having count(*) filter (where event = 'Product Viewed') >= 3"
                + " and count(*) filter (where event = 'Order Completed') = 0)"),
        new Case(
            "keen_browsers_ever",
            "the same over all events (no window)",
            """
            {"and": [
              {"performed": "Product Viewed", "count": {"op": "gte", "value": 3}},
              {"performed": "Order Completed", "count": {"op": "eq", "value": 0}}]}
            """,
            "select count(*) from (select profile_id from events group by profile_id having"
                + " count(*) filter (where event = 'Product Viewed') >= 3"
                + " and count(*) filter (where event = 'Order Completed') = 0)"),
        new Case(
            "aov_high",
            "built-in: average order value ≥ the upper tertile cut",
            null,
            "select count(*) from profiles where orders_count >= 1 and (case when orders_count = 0"
                + " then 0 else round(revenue / orders_count, 2) end) >= $AOV_CUT"),
        new Case(
            "vip",
            "built-in: revenue ≥ the 95th percentile of customers' revenue",
            null,
            "select count(*) from profiles where orders_count >= 1 and revenue >= $VIP_CUT"),
        new Case(
            "repeat_buyers",
            "built-in: orders_count ≥ 2",
            null,
            "select count(*) from profiles where orders_count >= 2"),
        new Case(
            "past_customers",
            "built-in: ordered, last order more than 90 days ago",
            null,
            "select count(*) from profiles where orders_count >= 1"
                + " and last_order_at <= $NOW - interval 90 day"),
        new Case(
            "city_or_young_pro",
            "traits, nested: city in (York, Leeds) or (plan starts with pro and age 25–34)",
            """
            {"or": [
              {"trait": "city", "op": "in", "value": ["York", "Leeds"]},
              {"and": [{"trait": "plan", "op": "starts_with", "value": "pro"},
                       {"trait": "age", "op": "between", "value": [25, 34]}]}]}
            """,
            "select count(*) from profiles where city in ('York', 'Leeds')"
                + " or (starts_with(plan, 'pro') and age between 25 and 34)"),
        new Case(
            "spenders_no_big_cart",
            "fields with not: ordered, revenue > 100, not cart_value > 50",
            """
            {"and": [{"field": "orders_count", "op": "gte", "value": 1},
                     {"field": "revenue", "op": "gt", "value": 100},
                     {"not": {"field": "cart_value", "op": "gt", "value": 50}}]}
            """,
            "select count(*) from profiles where orders_count >= 1 and revenue > 100"
                + " and not (coalesce(cart_value, 0) > 50)"),
        new Case(
            "shoe_browsers",
            "performed with a property filter: viewed Shoes ≥ 2 times in 30 days (reads the log)",
            """
            {"performed": "Product Viewed", "where": [{"property": "category", "op": "eq",
             "value": "Shoes"}], "count": {"op": "gte", "value": 2}, "within_days": 30}
            """,
            "select count(*) from (select profile_id from events where occurred_at >= $WINDOW30"
                + " and event = 'Product Viewed' and category = 'Shoes' group by profile_id"
                + " having count(*) >= 2)"),
        new Case(
            "abandoned_cart",
            "built-in: cart items, cart changed ≥ 1 h ago and within 30 days",
            null,
            "select count(*) from profiles where coalesce(cart_items, 0) > 0"
                + " and cart_updated_at <= $NOW - interval 1 hour"
                + " and cart_updated_at <= $NOW and cart_updated_at > $NOW - interval 30 day"),
        new Case(
            "anonymous_visitors",
            "built-in: no email, phone or userId (identifiers)",
            null,
            "select count(*) from profiles where not has_email and not has_user_id"),
        new Case(
            "browse_abandonment",
            "built-in: viewed ≥ 2 times in 24 h, no add or order (hours window: reads the log)",
            null,
            null));
  }

  /** The DuckDB text of a case with its values filled in (numbers and instants we generated). */
  static String duckdb(Case c, String window30, String now, BigDecimal aovCut, BigDecimal vipCut) {
    return c.duckdb()
        .replace("$WINDOW30", "timestamp '" + window30 + "'")
        .replace("$NOW", "timestamp '" + now + "'")
        .replace("$AOV_CUT", aovCut.toPlainString())
        .replace("$VIP_CUT", vipCut.toPlainString());
  }
}
