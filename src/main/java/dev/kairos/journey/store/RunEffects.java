package dev.kairos.journey.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.journey.ConditionResult;
import dev.kairos.journey.PersonConditions;
import dev.kairos.journey.Run;
import dev.kairos.journey.SendRequest;
import dev.kairos.journey.StepEffects;
import dev.kairos.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A step's effects on the transaction that executes it. */
final class RunEffects implements StepEffects {
  private final Connection c;
  private final Run run;
  private final Instant now;
  private final PersonConditions conditions;
  private final SendQueue sends;

  RunEffects(Connection c, Run run, Instant now, PersonConditions conditions, SendQueue sends) {
    this.c = c;
    this.run = run;
    this.now = now;
    this.conditions = conditions;
    this.sends = sends;
  }

  @Override
  public ConditionResult holds(JsonNode condition) {
    return conditions.holds(run.profileId(), condition, now);
  }

  @Override
  public Optional<String> couponFromPool(String pool) {
    try {
      List<String> existing =
          Sql.list(
              c,
              "select code from coupon_codes where run_id = ? and step = ?",
              rs -> rs.getString(1),
              run.id(),
              run.step());
      if (!existing.isEmpty()) {
        return Optional.of(existing.get(0));
      }
      return Sql.list(
              c,
              "update coupon_codes set run_id = ?, step = ?, profile_id = ?, assigned_at = ?"
                  + " where (pool, code) = (select pool, code from coupon_codes where pool = ? and run_id is null"
                  + " limit 1 for update skip locked) returning code",
              rs -> rs.getString(1),
              run.id(),
              run.step(),
              run.profileId(),
              Sql.timestamp(now),
              pool)
          .stream()
          .findFirst();
    } catch (SQLException e) {
      throw new StepFault(e);
    }
  }

  @Override
  public void queue(SendRequest request) {
    try {
      sends.queue(c, request);
    } catch (SQLException e) {
      throw new StepFault(e);
    }
  }

  /**
   * Sets the trait on the profile. The event cursor's epoch moves on (as operator changes do), so
   * the event processor drops the profile it may hold in memory instead of writing it back.
   */
  @Override
  public void updateTrait(String trait, JsonNode value) {
    try {
      Sql.update(c, "update event_cursor set epoch = epoch + 1 where id = 1");
      Sql.update(
          c,
          "update profiles set traits = traits || jsonb_build_object(?::text, ?::jsonb),"
              + " updated_at = ? where id = ?",
          trait,
          value.toString(),
          Sql.timestamp(now),
          run.profileId());
    } catch (SQLException e) {
      throw new StepFault(e);
    }
  }

  @Override
  public Optional<LocalDate> dateTrait(String trait) {
    try {
      return Sql.list(
              c,
              "select traits ->> ? from profiles where id = ?",
              rs -> rs.getString(1),
              trait,
              run.profileId())
          .stream()
          .findFirst()
          .flatMap(RunEffects::date);
    } catch (SQLException e) {
      throw new StepFault(e);
    }
  }

  static Optional<LocalDate> date(String text) {
    if (text == null || text.length() < 10) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.substring(0, 10)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** A database failure inside a step: the run's transaction is rolled back and retried. */
  static final class StepFault extends RuntimeException {
    StepFault(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
