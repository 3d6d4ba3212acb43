package dev.kairos.segment.condition;

import static dev.kairos.segment.condition.ValueType.BOOLEAN;
import static dev.kairos.segment.condition.ValueType.DATE;
import static dev.kairos.segment.condition.ValueType.NUMBER;
import static dev.kairos.segment.condition.ValueType.STRING;

import java.util.Locale;
import java.util.Optional;

/**
 * The computed fields of a profile a {@code field} condition reads, each with its type. A field a
 * profile has no value for (no order yet, no RFM score yet) only meets {@code not_exists} (and
 * {@code neq} / {@code not_in}, which are the negations of {@code eq} / {@code in}).
 */
public enum ProfileField {
  ORDERS_COUNT(NUMBER),
  REVENUE(NUMBER),
  /** revenue / orders, rounded half up to cents; 0 without orders */
  AVERAGE_ORDER_VALUE(NUMBER),
  FIRST_ORDER_AT(DATE),
  LAST_ORDER_AT(DATE),
  /** whole days (24 h) since the last order; no value without orders */
  DAYS_SINCE_LAST_ORDER(NUMBER),
  /** the open cart's value; 0 without a cart */
  CART_VALUE(NUMBER),
  /** the open cart's item count (quantities added up); 0 without a cart */
  CART_ITEMS(NUMBER),
  CART_UPDATED_AT(DATE),
  FIRST_SEEN_AT(DATE),
  LAST_SEEN_AT(DATE),
  REFUNDS_COUNT(NUMBER),
  /** the RFM cell's name, e.g. {@code CHAMPIONS}, {@code CANNOT_LOSE_THEM} */
  RFM_CELL(STRING),
  RFM_RECENCY(NUMBER),
  RFM_FREQUENCY(NUMBER),
  RFM_MONETARY(NUMBER),
  /** e.g. {@code new}, {@code active}, {@code at_risk}, {@code won_back} */
  LIFECYCLE_STAGE(STRING),
  P_ALIVE(NUMBER),
  CHURN_RISK(NUMBER),
  PREDICTED_CLV(NUMBER),
  EXPECTED_ORDERS_90D(NUMBER),
  BEST_SEND_HOUR(NUMBER),
  TIME_ZONE(STRING),
  SUPPRESSED(BOOLEAN);

  private final ValueType type;

  ProfileField(ValueType type) {
    this.type = type;
  }

  public ValueType type() {
    return type;
  }

  /** The name in the condition language ({@code cart_value}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ProfileField> of(String key) {
    for (ProfileField field : values()) {
      if (field.key().equals(key)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }
}
