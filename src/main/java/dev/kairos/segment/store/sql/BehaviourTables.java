package dev.kairos.segment.store.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.kairos.segment.condition.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The counted behaviour tables of decision 0021: how many events of a name each person performed in
 * a window, as a derived table {@code (profile_id, n)} with a row only for people with some (and,
 * for a window of days, {@code oldest}: the first day of it with some).
 */
final class BehaviourTables {
  static final Field<UUID> DAY_PROFILE = field(name("profile_id"), SQLDataType.UUID);
  static final Field<String> DAY_EVENT = field(name("event"), SQLDataType.VARCHAR);
  static final Field<LocalDate> DAY = field(name("day"), SQLDataType.LOCALDATE);
  static final Field<Integer> DAY_COUNT = field(name("count"), SQLDataType.INTEGER);

  private BehaviourTables() {}

  static Table<?> counted(String event, Window window, Instant now, String alias) {
    if (window instanceof Window.Ever) {
      return DSL.select(
              field(name("profile_id"), SQLDataType.UUID).as("profile_id"),
              field(name("total"), SQLDataType.BIGINT).as("n"))
          .from(DSL.table(name("profile_behaviour")))
          .where(field(name("event"), SQLDataType.VARCHAR).eq(val(event)))
          .asTable(alias);
    }
    org.jooq.Condition days;
    if (window instanceof Window.WithinDays within) {
      days = DAY.ge(val(ConditionCompiler.windowStart(now, within), SQLDataType.LOCALDATE));
    } else {
      Window.Between between = (Window.Between) window;
      days =
          DAY.between(
              val(between.from(), SQLDataType.LOCALDATE), val(between.to(), SQLDataType.LOCALDATE));
    }
    Field<BigDecimal> sum = DSL.sum(DAY_COUNT);
    return DSL.select(DAY_PROFILE.as("profile_id"), sum.as("n"), DSL.min(DAY).as("oldest"))
        .from(DSL.table(name("profile_behaviour_days")))
        .where(DAY_EVENT.eq(val(event)))
        .and(days)
        .groupBy(DAY_PROFILE)
        .asTable(alias);
  }
}
