package dev.kairos.segment.store.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.SegmentDefinitions;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectJoinStep;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL evaluator: a condition compiled (with jOOQ, every value a bind parameter) into a query of
 * the profiles that match at an instant, for counts, listings, exports and full recomputes. Merged
 * profiles never match; their events and counters count for the profile they were merged into.
 */
public final class SegmentSql {
  /** The id of the profile a query reads (the profiles table is aliased {@code p}). */
  public static final Field<UUID> PROFILE_ID = ProfileColumns.ID;

  private static final String WORK_MEM = "128MB";

  private final SegmentDefinitions definitions;
  private final ZoneId workspaceZone;

  public SegmentSql(SegmentDefinitions definitions, ZoneId workspaceZone) {
    this.definitions = definitions;
    this.workspaceZone = workspaceZone;
  }

  /** The ids of the profiles (not merged) the condition holds for at {@code now}. */
  public Select<Record1<UUID>> matching(Condition condition, Instant now) {
    return matching(condition, now, DSL.trueCondition());
  }

  /** As {@link #matching(Condition, Instant)}, restricted further (over {@code p}). */
  public Select<Record1<UUID>> matching(
      Condition condition, Instant now, org.jooq.Condition restriction) {
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    ConditionCompiler compiler = new ConditionCompiler(definitions, at, today(at));
    org.jooq.Condition where = compiler.compileTop(condition);
    SelectJoinStep<Record1<UUID>> select =
        DSL.using(SQLDialect.POSTGRES).select(PROFILE_ID).from(ProfileColumns.PROFILES);
    for (ConditionCompiler.Join join : compiler.joins()) {
      if (join.inner()) {
        select = select.join(join.table()).on(join.profileId().eq(PROFILE_ID));
      }
    }
    for (ConditionCompiler.Join join : compiler.joins()) {
      if (!join.inner()) {
        select = select.leftJoin(join.table()).on(join.profileId().eq(PROFILE_ID));
      }
    }
    return select.where(ProfileColumns.MERGED_INTO.isNull()).and(where).and(restriction);
  }

  /**
   * Each person's next deadline for the condition at {@code now} (the instant the clock alone could
   * next change their answer, as the in-memory evaluator computes it), for the people who have one;
   * empty when the condition has a leaf SQL does not time (a birthday, {@code
   * days_since_last_order}).
   */
  public Optional<Select<Record2<UUID, OffsetDateTime>>> deadlines(
      Condition condition, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    ConditionCompiler compiler = new ConditionCompiler(definitions, at, today(at));
    compiler.compile(condition);
    Optional<Field<OffsetDateTime>> next = compiler.nextChange();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    SelectJoinStep<Record2<UUID, OffsetDateTime>> select =
        DSL.using(SQLDialect.POSTGRES)
            .select(PROFILE_ID, next.get().as("due_at"))
            .from(ProfileColumns.PROFILES);
    for (ConditionCompiler.Join join : compiler.joins()) {
      select = select.leftJoin(join.table()).on(join.profileId().eq(PROFILE_ID));
    }
    return Optional.of(
        select.where(ProfileColumns.MERGED_INTO.isNull()).and(next.get().isNotNull()));
  }

  public long count(Connection c, Condition condition, Instant now) {
    DSLContext sql = DSL.using(c, SQLDialect.POSTGRES);
    return withMemory(sql, () -> sql.fetchCount(matching(condition, now)));
  }

  /** Up to {@code limit} matching ids after {@code afterId} (null: from the start), by id. */
  public List<UUID> ids(Connection c, Condition condition, Instant now, UUID afterId, int limit) {
    org.jooq.Condition after = afterId == null ? DSL.trueCondition() : PROFILE_ID.gt(val(afterId));
    DSLContext sql = DSL.using(c, SQLDialect.POSTGRES);
    return withMemory(
        sql,
        () ->
            sql.select(field(DSL.name("m", "id"), SQLDataType.UUID))
                .from(matching(condition, now, after).asTable("m"))
                .orderBy(field(DSL.name("m", "id"), SQLDataType.UUID))
                .limit(limit)
                .fetch(0, UUID.class));
  }

  /**
   * Runs a query with room to hash and aggregate a whole shop's counts in memory (PostgreSQL's
   * default of 4 MB spills them to disk), then gives the connection its setting back.
   */
  private static <T> T withMemory(DSLContext sql, java.util.function.Supplier<T> query) {
    sql.execute("select set_config('work_mem', {0}, false)", val(WORK_MEM));
    try {
      return query.get();
    } finally {
      sql.execute("reset work_mem");
    }
  }

  /** The query as SQL with its values inlined, for reading in logs and tests only. */
  public String explain(Condition condition, Instant now) {
    return matching(condition, now).getSQL(ParamType.INLINED);
  }

  /**
   * The person's date today in their time zone (the workspace's when they have none or one that
   * Java does not know, exactly as {@link PersonLoader} decides).
   */
  private Field<LocalDate> today(Instant now) {
    Field<String> zone =
        DSL.when(
                ProfileColumns.TIME_ZONE.eq(
                    DSL.any(val(Zones.KNOWN, SQLDataType.VARCHAR.getArrayDataType()))),
                ProfileColumns.TIME_ZONE)
            .otherwise(val(workspaceZone.getId()));
    return field(
        "({0} at time zone {1})::date", SQLDataType.LOCALDATE, ComparisonSql.moment(now), zone);
  }
}
