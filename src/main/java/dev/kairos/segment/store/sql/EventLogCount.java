package dev.kairos.segment.store.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.kairos.segment.condition.Comparison;
import dev.kairos.segment.condition.Comparisons;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.PropertyFilter;
import dev.kairos.segment.condition.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A {@code performed} condition with property filters or an hours window, counted from the event
 * log itself (the counters know names and days, not properties or hours): each person's matching
 * track events in the window, on the profile their profile was merged into.
 */
final class EventLogCount {
  /** Each merged profile and the profile it ended up in, through chains of merges. */
  private static final Table<?> ROOTS =
      DSL.table(
              "(with recursive chain (id, root) as ("
                  + " select id, merged_into from profiles where merged_into is not null"
                  + " union all"
                  + " select c.id, p.merged_into from chain c join profiles p on p.id = c.root"
                  + " where p.merged_into is not null)"
                  + " select c.id, c.root from chain c join profiles p on p.id = c.root"
                  + " where p.merged_into is null)")
          .as("r");

  private final ConditionCompiler compiler;

  EventLogCount(ConditionCompiler compiler) {
    this.compiler = compiler;
  }

  Table<?> counted(Condition.Performed performed, Instant now, String alias) {
    Field<UUID> profile =
        field(
            "coalesce({0}, {1})",
            SQLDataType.UUID, field(name("r", "root")), field(name("l", "profile_id")));
    Field<JSONB> properties =
        field("({0}::jsonb -> 'properties')", SQLDataType.JSONB, field(name("e", "payload")));
    Field<LocalDate> day =
        ComparisonSql.utcDate(field(name("l", "occurred_at"), SQLDataType.TIMESTAMPWITHTIMEZONE));
    List<org.jooq.Condition> where = new ArrayList<>();
    where.add(field(name("e", "type"), SQLDataType.VARCHAR).eq(val("track")));
    where.add(field(name("e", "event"), SQLDataType.VARCHAR).eq(val(performed.event())));
    Window window = performed.window();
    if (window instanceof Window.WithinDays within) {
      where.add(day.ge(val(ConditionCompiler.windowStart(now, within), SQLDataType.LOCALDATE)));
    } else if (window instanceof Window.WithinHours within) {
      where.add(
          field(name("l", "occurred_at"), SQLDataType.TIMESTAMPWITHTIMEZONE)
              .gt(ComparisonSql.moment(now.minus(java.time.Duration.ofHours(within.hours())))));
    } else if (window instanceof Window.Between between) {
      where.add(
          day.between(
              val(between.from(), SQLDataType.LOCALDATE),
              val(between.to(), SQLDataType.LOCALDATE)));
    }
    for (PropertyFilter filter : performed.where()) {
      where.add(filter(filter, properties));
    }
    Field<OffsetDateTime> at = field(name("l", "occurred_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    Field<?> oldest = window instanceof Window.WithinHours ? DSL.min(at) : DSL.min(day);
    return DSL.select(profile.as("profile_id"), DSL.count().as("n"), oldest.as("oldest"))
        .from(DSL.table(name("events")).as("e"))
        .join(DSL.table(name("event_profiles")).as("l"))
        .on(
            field(name("l", "seq"), SQLDataType.BIGINT)
                .eq(field(name("e", "seq"), SQLDataType.BIGINT)))
        .leftJoin(ROOTS)
        .on(
            field(name("r", "id"), SQLDataType.UUID)
                .eq(field(name("l", "profile_id"), SQLDataType.UUID)))
        .where(where)
        .groupBy(profile)
        .asTable(alias);
  }

  /** Any item of an array step matches (the negative operators: no item matches the positive). */
  private org.jooq.Condition filter(PropertyFilter filter, Field<JSONB> properties) {
    List<String> steps = filter.steps();
    if (filter.arrayStep() < 0) {
      return compiler.json(filter.comparison(), path(properties, steps));
    }
    Field<JSONB> array = path(properties, steps.subList(0, filter.arrayStep() + 1));
    Field<JSONB> item = field(name("item", "v"), SQLDataType.JSONB);
    Comparison comparison = filter.comparison();
    Comparison positive =
        new Comparison(
            Comparisons.positive(comparison.op()), comparison.type(), comparison.values());
    org.jooq.Condition any =
        DSL.exists(
            DSL.selectOne()
                .from(
                    DSL.table(
                            "jsonb_array_elements(case when jsonb_typeof({0}) = 'array'"
                                + " then {0} else '[]'::jsonb end)",
                            array)
                        .as("item", "v"))
                .where(
                    compiler.json(
                        positive,
                        path(item, steps.subList(filter.arrayStep() + 1, steps.size())))));
    return Comparisons.isNegative(comparison.op()) ? any.not() : any;
  }

  private static Field<JSONB> path(Field<JSONB> node, List<String> steps) {
    return field(
        "{0} #> {1}::text[]",
        SQLDataType.JSONB,
        node,
        val(steps.toArray(new String[0]), SQLDataType.VARCHAR.getArrayDataType()));
  }
}
