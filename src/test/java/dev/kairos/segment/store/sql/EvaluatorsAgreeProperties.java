package dev.kairos.segment.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.db.Database;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.ConditionParser;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.InMemoryEvaluator;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Person;
import dev.kairos.segment.condition.SegmentDefinitions;
import dev.kairos.segment.condition.Verdict;
import dev.kairos.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The in-memory and the SQL evaluator agree: for random people (traits of every type and of the
 * wrong type, fields, identifiers, events with properties, a merged profile, time zones) and random
 * conditions, at random instants and on the edges values make (window edges, whole days after a
 * date, midnight UTC), and again exactly at the next change the in-memory evaluator announces; and
 * where SQL computes deadlines (for set-based recomputes), each person's is the one the in-memory
 * evaluator announces for them.
 */
class EvaluatorsAgreeProperties {
  private static final ZoneId WORKSPACE = ZoneId.of("Europe/Paris");
  private static Database database;

  @BeforeContainer
  static void start() {
    database = TestDatabase.fresh();
  }

  @AfterContainer
  static void stop() {
    database.close();
  }

  @Property(tries = 200)
  void both_evaluators_find_the_same_members(@ForAll long seed) {
    RandomWorld world = new RandomWorld(seed);
    RandomConditions conditions = new RandomConditions(world, true);
    Condition s1 = parse(new RandomConditions(world, false).condition(2), SegmentDefinitions.NONE);
    SegmentDefinitions definitions = key -> key.equals("s1") ? Optional.of(s1) : Optional.empty();
    Condition condition = parse(conditions.condition(3), definitions);
    Instant now = world.now();
    database.inTransaction(
        c -> {
          WorldRows.replace(c, world);
          return null;
        });
    Set<UUID> people = new HashSet<>();
    world.profiles.stream().filter(p -> p.mergedInto() == null).forEach(p -> people.add(p.id()));
    InMemoryEvaluator memory = new InMemoryEvaluator(definitions, WORKSPACE);
    SegmentSql sql = new SegmentSql(definitions, WORKSPACE);
    Map<UUID, Person> loaded =
        database.read(
            c -> new PersonLoader().load(c, people, Dependencies.of(condition, definitions)));
    assertThat(loaded.keySet()).isEqualTo(people);

    Instant next = agreeAt(memory, sql, condition, loaded, now);
    long members =
        loaded.values().stream().filter(p -> memory.evaluate(condition, p, now).member()).count();
    Statistics.label("members")
        .collect(members == 0 ? "none" : members == loaded.size() ? "all" : "some");
    Statistics.label("clock can change it").collect(next != null);
    if (next != null) {
      agreeAt(memory, sql, condition, loaded, next);
      Instant justBefore = next.minus(Duration.ofNanos(1000));
      if (justBefore.isAfter(now)) {
        for (Person person : loaded.values()) {
          assertThat(memory.evaluate(condition, person, justBefore).member())
              .as("nothing changes before the announced next change")
              .isEqualTo(memory.evaluate(condition, person, now).member());
        }
      }
    }
  }

  /** Checks both agree at {@code at}; answers the earliest next change of anyone. */
  private Instant agreeAt(
      InMemoryEvaluator memory,
      SegmentSql sql,
      Condition condition,
      Map<UUID, Person> people,
      Instant at) {
    Set<UUID> matched = new HashSet<>(database.read(c -> sql.ids(c, condition, at, null, 1000)));
    Optional<Map<UUID, Instant>> deadlines = sqlDeadlines(sql, condition, at);
    Statistics.label("SQL computes the deadlines").collect(deadlines.isPresent());
    Instant next = null;
    for (Person person : people.values()) {
      Verdict verdict = memory.evaluate(condition, person, at);
      if (deadlines.isPresent()) {
        assertThat(deadlines.get().get(person.id()))
            .as(
                "deadline at %s, %s for %s\nSQL %s",
                at,
                dev.kairos.segment.condition.ConditionJson.toJson(condition),
                person,
                sql.deadlines(condition, at).get())
            .isEqualTo(
                verdict.nextChange().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(null));
      }
      assertThat(matched.contains(person.id()))
          .as(
              "at %s, %s for %s\nreasons %s\nSQL %s",
              at,
              dev.kairos.segment.condition.ConditionJson.toJson(condition),
              person,
              verdict.reasons(),
              sql.explain(condition, at))
          .isEqualTo(verdict.member());
      if (verdict.nextChange().isPresent()) {
        assertThat(verdict.nextChange().get()).isAfter(at);
        next =
            next == null || verdict.nextChange().get().isBefore(next)
                ? verdict.nextChange().get()
                : next;
      }
    }
    return next;
  }

  /** Each person's deadline as the SQL evaluator computes it (none: not in the map). */
  private static Optional<Map<UUID, Instant>> sqlDeadlines(
      SegmentSql sql, Condition condition, Instant at) {
    return sql.deadlines(condition, at)
        .map(
            select ->
                database.read(
                    c -> {
                      Map<UUID, Instant> due = new HashMap<>();
                      for (var row : DSL.using(c, SQLDialect.POSTGRES).fetch(select)) {
                        due.put(row.value1(), row.value2().toInstant());
                      }
                      return due;
                    }));
  }

  private static Condition parse(JsonNode json, SegmentDefinitions definitions) {
    ParseResult result = new ConditionParser(definitions).parse(json);
    assertThat(result).as("%s", json).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).condition();
  }
}
