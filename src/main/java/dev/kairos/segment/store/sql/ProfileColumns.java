package dev.kairos.segment.store.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.kairos.segment.condition.ProfileField;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The profiles table as segment conditions read it, aliased {@code p}: each computed field as one
 * SQL expression, typed as the condition language types it (numbers as numeric, dates as
 * timestamptz). The SQL evaluator compares these expressions and {@link PersonLoader} reads the
 * same expressions for the in-memory evaluator, so both see the same values.
 */
final class ProfileColumns {
  static final Table<?> PROFILES = DSL.table(name("profiles")).as("p");
  static final Field<UUID> ID = field(name("p", "id"), SQLDataType.UUID);
  static final Field<UUID> MERGED_INTO = field(name("p", "merged_into"), SQLDataType.UUID);
  static final Field<JSONB> TRAITS = field(name("p", "traits"), SQLDataType.JSONB);
  static final Field<JSONB> CONSENT = field(name("p", "consent"), SQLDataType.JSONB);
  static final Field<String> TIME_ZONE = field(name("p", "time_zone"), SQLDataType.VARCHAR);

  private ProfileColumns() {}

  /** The expression of a field, except {@code days_since_last_order} (it needs the instant). */
  static Field<?> of(ProfileField field) {
    switch (field) {
      case ORDERS_COUNT:
        return number("orders_count");
      case REVENUE:
        return number("revenue");
      case AVERAGE_ORDER_VALUE:
        return field(
            "case when {0} = 0 then 0::numeric else round({1} / {0}, 2) end",
            SQLDataType.NUMERIC, column("orders_count"), column("revenue"));
      case FIRST_ORDER_AT:
        return date("first_order_at");
      case LAST_ORDER_AT:
      case DAYS_SINCE_LAST_ORDER:
        return date("last_order_at");
      case CART_VALUE:
        return field("coalesce({0}, 0)::numeric", SQLDataType.NUMERIC, column("cart_value"));
      case CART_ITEMS:
        return field(
            "coalesce(({0} ->> 'item_count')::numeric, 0)", SQLDataType.NUMERIC, column("cart"));
      case CART_UPDATED_AT:
        return date("cart_updated_at");
      case FIRST_SEEN_AT:
        return date("first_seen_at");
      case LAST_SEEN_AT:
        return date("last_seen_at");
      case REFUNDS_COUNT:
        return number("refunds_count");
      case RFM_CELL:
        return text("rfm_cell");
      case RFM_RECENCY:
        return number("rfm_recency");
      case RFM_FREQUENCY:
        return number("rfm_frequency");
      case RFM_MONETARY:
        return number("rfm_monetary");
      case LIFECYCLE_STAGE:
        return text("lifecycle_stage");
      case P_ALIVE:
        return number("p_alive");
      case CHURN_RISK:
        return number("churn_risk");
      case PREDICTED_CLV:
        return number("clv_predicted");
      case EXPECTED_ORDERS_90D:
        return number("expected_orders_90d");
      case BEST_SEND_HOUR:
        return number("best_send_hour");
      case TIME_ZONE:
        return TIME_ZONE;
      default:
        return field(name("p", "suppressed"), SQLDataType.BOOLEAN);
    }
  }

  /** Whole days (24 h) from the last order to {@code now}; null without orders. */
  static Field<BigDecimal> daysSinceLastOrder(Field<OffsetDateTime> now) {
    return field(
        "floor(extract(epoch from ({0} - {1})) / 86400)",
        SQLDataType.NUMERIC, now, column("last_order_at"));
  }

  private static Field<Object> column(String column) {
    return field(name("p", column));
  }

  /** Read exactly as numeric: a double precision column's value as PostgreSQL writes it. */
  private static Field<BigDecimal> number(String column) {
    return field("{0}::numeric", SQLDataType.NUMERIC, column(column));
  }

  private static Field<String> text(String column) {
    return field(name("p", column), SQLDataType.VARCHAR);
  }

  private static Field<OffsetDateTime> date(String column) {
    return field(name("p", column), SQLDataType.TIMESTAMPWITHTIMEZONE);
  }
}
