package dev.kairos.segment.store;

import dev.kairos.platform.db.Database;
import dev.kairos.segment.Audience;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.store.sql.SegmentSql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Counts and lists who meets a condition with the SQL evaluator (previews). */
public final class SqlAudience implements Audience {
  private final Database database;
  private final SegmentSql sql;

  public SqlAudience(Database database, SegmentSql sql) {
    this.database = database;
    this.sql = sql;
  }

  @Override
  public long count(Condition condition, Instant now) {
    return database.read(c -> sql.count(c, condition, now));
  }

  @Override
  public List<UUID> sample(Condition condition, Instant now, int limit) {
    return database.read(c -> sql.ids(c, condition, now, null, limit));
  }
}
