package dev.kairos.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Direct access to the benchmarked server's PostgreSQL: row counts, the progress of the
 * asynchronous event processor, the physical limit (a raw {@code COPY} of the same rows into a
 * table like {@code events}), and a sampler of what the backends are doing while the load runs.
 */
final class PostgresProbe implements AutoCloseable {
  /**
   * The columns an accepted event is appended with. Not {@code profile_id}: the profile an event
   * was applied to is no longer a column of {@code events} but a row of {@code event_profiles},
   * written by the processor.
   */
  static final String EVENT_COLUMNS =
      "message_id, type, event, user_id, anonymous_id, occurred_at, received_at, payload";

  private final String url;
  private final Connection connection;

  PostgresProbe(String url) throws SQLException {
    this.url = url;
    this.connection = connect(url);
  }

  private static Connection connect(String url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    return new org.postgresql.Driver().connect(url, properties);
  }

  long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  boolean hasTable(String name) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("select to_regclass(?) is not null")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The highest {@code events.seq} appended (0 when there are no events). */
  long maxSeq() throws SQLException {
    return count("select coalesce(max(seq), 0) from events");
  }

  /** How far the asynchronous processor has applied the event log, and in which epoch. */
  record Cursor(long appliedSeq, long epoch) {}

  /** The processor's cursor; empty when {@code event_cursor} (or its row) does not exist. */
  Optional<Cursor> cursor() throws SQLException {
    if (!hasTable("event_cursor")) {
      return Optional.empty();
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("select applied_seq, epoch from event_cursor order by id limit 1")) {
      return rs.next() ? Optional.of(new Cursor(rs.getLong(1), rs.getLong(2))) : Optional.empty();
    }
  }

  /**
   * The applied events with {@code after < seq <= upTo} (seq can have gaps, so this counts rows):
   * each is in {@code profile_timeline} or, if it could not be applied, in {@code event_failures}.
   * {@code after} is a position of the cursor, and the processor writes a group's timeline rows in
   * the transaction that moves the cursor past the group, so no row holding an event of the range
   * starts at or before {@code after} (the block-range index on {@code first_seq} finds them). Not
   * counted in {@code events}: reading a gigabyte of freshly written log pages sets their hint
   * bits, and with data checksums every such page goes to the WAL again, a burst of I/O and CPU
   * that fell on the next phase of the run.
   */
  long eventsInSeqRange(long after, long upTo) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "select (select count(*) from profile_timeline t cross join unnest(t.seqs) s"
                + " where t.first_seq > ? and t.first_seq <= ? and s > ? and s <= ?)"
                + " + (select count(*) from event_failures where seq > ? and seq <= ?)")) {
      for (int i = 0; i < 3; i++) {
        s.setLong(2 * i + 1, after);
        s.setLong(2 * i + 2, upTo);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Polls every {@code interval} until the processor has applied every appended event ({@code
   * applied_seq >= max(seq)}); the seconds that took, or empty if not within {@code timeout}.
   */
  OptionalDouble awaitCaughtUp(Duration timeout, Duration interval)
      throws SQLException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      long now = System.nanoTime();
      Optional<Cursor> cursor = cursor();
      if (cursor.isPresent() && cursor.get().appliedSeq() >= maxSeq()) {
        return OptionalDouble.of((now - start) / 1e9);
      }
      if (now >= deadline) {
        return OptionalDouble.empty();
      }
      Thread.sleep(interval.toMillis());
    }
  }

  /**
   * PostgreSQL's write-ahead log counters ({@code pg_stat_wal}) and the checkpoints started ({@code
   * pg_stat_checkpointer}), since the statistics were reset; backends report them at most once a
   * second.
   */
  record Wal(
      long records,
      long fullPageImages,
      long bytes,
      long checkpointsTimed,
      long checkpointsRequested) {
    Wal since(Wal earlier) {
      return new Wal(
          records - earlier.records,
          fullPageImages - earlier.fullPageImages,
          bytes - earlier.bytes,
          checkpointsTimed - earlier.checkpointsTimed,
          checkpointsRequested - earlier.checkpointsRequested);
    }
  }

  Wal wal() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select w.wal_records, w.wal_fpi, w.wal_bytes, c.num_timed, c.num_requested"
                    + " from pg_stat_wal w, pg_stat_checkpointer c")) {
      rs.next();
      return new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
  }

  /** The counts that show the run did what a shop does: profiles merged, orders counted. */
  Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("events", count("select count(*) from events"));
    if (hasTable("event_profiles")) {
      counts.put("event_profiles", count("select count(*) from event_profiles"));
    }
    if (hasTable("profile_timeline")) {
      counts.put("profile_timeline rows", count("select count(*) from profile_timeline"));
    }
    counts.put(
        "transactions that wrote events", count("select count(distinct xmin::text) from events"));
    counts.put("profiles", count("select count(*) from profiles"));
    counts.put(
        "profiles merged into another",
        count("select count(*) from profiles where merged_into is not null"));
    counts.put("profile merges recorded", count("select count(*) from profile_merges"));
    counts.put("identifiers", count("select count(*) from identifiers"));
    counts.put("orders", count("select count(*) from orders"));
    counts.put("order lines", count("select count(*) from order_lines"));
    counts.put("products", count("select count(*) from products"));
    counts.put(
        "profiles with orders_count > 0",
        count("select count(*) from profiles where orders_count > 0"));
    counts.put(
        "sum of profiles.orders_count",
        count("select coalesce(sum(orders_count), 0) from profiles where merged_into is null"));
    return counts;
  }

  /** The outcome of the physical limit: rows copied, seconds, bytes of COPY text. */
  record CopyResult(long rows, double seconds, long bytes) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  /**
   * Copies the stored events out (untimed) and back into {@code events_copy}, created {@code like
   * events including all} (same columns, defaults, constraints and indexes), timing the {@code COPY
   * ... FROM STDIN} including its commit.
   */
  CopyResult copyLimit(Path scratch) throws SQLException, IOException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    Path file = scratch.resolve("events.copy");
    long rows;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      rows =
          copy.copyOut(
              "copy (select "
                  + EVENT_COLUMNS
                  + " from events order by seq) to stdout with (format binary)",
              out);
    }
    try (Statement s = connection.createStatement()) {
      s.execute("drop table if exists events_copy");
      s.execute("create table events_copy (like events including all)");
      s.execute("checkpoint");
    }
    long bytes = Files.size(file);
    long start = System.nanoTime();
    long copied;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      // the binary format, as Kairos writes the log: the same work for PostgreSQL per row
      copied =
          copy.copyIn(
              "copy events_copy (" + EVENT_COLUMNS + ") from stdin with (format binary)", in);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (copied != rows) {
      throw new IllegalStateException("COPY wrote " + copied + " rows of " + rows);
    }
    try (Statement s = connection.createStatement()) {
      s.execute("drop table events_copy");
    }
    Files.delete(file);
    return new CopyResult(rows, seconds, bytes);
  }

  /**
   * Samples {@code pg_stat_activity} (no extension needed) in a thread of its own: for each active
   * Kairos backend, which statement it runs and what it waits on. The shares approximate where the
   * database time goes.
   */
  static final class ActivitySampler implements AutoCloseable {
    private final Thread thread;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<String, Integer> statements = new HashMap<>();
    private final Map<String, Integer> waits = new HashMap<>();
    private int samples;

    ActivitySampler(String url, int intervalMillis) {
      thread =
          new Thread(
              () -> {
                try (Connection c = connect(url);
                    var ps =
                        c.prepareStatement(
                            "select case when state = 'active' then coalesce(wait_event_type"
                                + " || ':' || wait_event, 'CPU') else state end,"
                                + " case when state = 'active' then '' else 'idle in"
                                + " transaction after: ' end || query"
                                + " from pg_stat_activity where state <> 'idle'"
                                + " and backend_type = 'client backend'"
                                + " and pid <> pg_backend_pid()")) {
                  while (!stop.get()) {
                    try (ResultSet rs = ps.executeQuery()) {
                      synchronized (this) {
                        samples++;
                        while (rs.next()) {
                          waits.merge(rs.getString(1), 1, Integer::sum);
                          statements.merge(shorten(rs.getString(2)), 1, Integer::sum);
                        }
                      }
                    }
                    Thread.sleep(intervalMillis);
                  }
                } catch (SQLException | InterruptedException e) {
                  if (!stop.get()) {
                    System.err.println("the activity sampler stopped: " + e);
                  }
                }
              },
              "pg-activity-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private static String shorten(String query) {
      String text = query == null ? "" : query.replaceAll("\\s+", " ").trim();
      return text.length() > 90 ? text.substring(0, 90) + "…" : text;
    }

    /** Markdown: the share of samples in which a backend was active on each statement / wait. */
    synchronized String report() {
      StringBuilder out = new StringBuilder();
      out.append("Samples of `pg_stat_activity`: ").append(samples).append("\n\n");
      out.append("| backend in a transaction, on statement | share of samples |\n|---|---:|\n");
      top(statements).forEach(e -> row(out, "`" + e.getKey() + "`", e.getValue()));
      out.append("\n| waiting on | share of samples |\n|---|---:|\n");
      top(waits).forEach(e -> row(out, e.getKey(), e.getValue()));
      return out.toString();
    }

    private void row(StringBuilder out, String key, int count) {
      out.append("| ")
          .append(key.replace("|", "\\|"))
          .append(" | ")
          .append(String.format("%.1f %%", 100.0 * count / Math.max(1, samples)))
          .append(" |\n");
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts) {
      List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
      entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
      return entries.subList(0, Math.min(14, entries.size()));
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join(5_000);
    }
  }

  /**
   * Starts counting statements afresh ({@code pg_stat_statements}, preloaded when the benchmark
   * runs with {@code sample-db=true}); false when the extension is not loaded.
   */
  boolean resetStatements() {
    try (Statement s = connection.createStatement()) {
      s.execute("create extension if not exists pg_stat_statements");
      s.execute("select pg_stat_statements_reset()");
      return true;
    } catch (SQLException e) {
      System.err.println("no statement figures: " + e.getMessage());
      return false;
    }
  }

  /**
   * Markdown: the statements that took the most database time since {@link #resetStatements}, per
   * event accepted in that time (execution time includes waits, e.g. for locks or I/O).
   */
  String statements(long events) throws SQLException {
    StringBuilder out = new StringBuilder();
    out.append(
        "| statement | calls | rows per call | µs per event | WAL bytes per event |\n"
            + "|---|---:|---:|---:|---:|\n");
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select query, calls, rows, total_exec_time, wal_bytes from pg_stat_statements"
                    + " where dbid = (select oid from pg_database where datname ="
                    + " current_database()) order by total_exec_time desc limit 14")) {
      while (rs.next()) {
        long calls = rs.getLong(2);
        out.append(
            String.format(
                "| `%s` | %,d | %,.0f | %.1f | %,.0f |%n",
                ActivitySampler.shorten(rs.getString(1)).replace("|", "\\|"),
                calls,
                rs.getLong(3) / (double) Math.max(1, calls),
                rs.getDouble(4) * 1_000 / Math.max(1, events),
                rs.getDouble(5) / Math.max(1, events)));
      }
    }
    return out.toString();
  }

  String url() {
    return url;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
