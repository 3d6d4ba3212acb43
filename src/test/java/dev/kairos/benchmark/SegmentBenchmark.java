package dev.kairos.benchmark;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.platform.http.Json;
import dev.kairos.segment.BuiltInSegments;
import dev.kairos.segment.DefinitionOutcome;
import dev.kairos.segment.Evaluation;
import dev.kairos.segment.MembershipChange;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.Segments;
import dev.kairos.segment.store.BuiltInStore;
import dev.kairos.segment.store.MembershipStore;
import dev.kairos.segment.store.RecomputeStore;
import dev.kairos.segment.store.Reevaluation;
import dev.kairos.segment.store.SegmentFeed;
import dev.kairos.segment.store.SegmentStore;
import dev.kairos.segment.store.SqlRecompute;
import dev.kairos.segment.store.sql.PersonLoader;
import dev.kairos.segment.store.sql.SegmentSql;
import dev.kairos.testing.TestDatabase;
import dev.kairos.testing.Trees;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Full recompute of segments over a synthetic shop (architecture: 1M profiles / 20M events, ≤ 5 s
 * and within 3× DuckDB with 2 threads), against DuckDB computing the same segments over the same
 * data exported to Parquet, in one run.
 *
 * <pre>
 * MAVEN_OPTS=-Xmx2g ./mvnw -q test-compile exec:java \
 *     -Dexec.mainClass=dev.kairos.benchmark.SegmentBenchmark -Dexec.args="--profiles 1000000"
 * </pre>
 *
 * <p>Options ({@code --name value} or {@code name=value}): {@code profiles} (1,000,000), {@code
 * events-per-profile} (20), {@code runs} (3: timings of queries are the median of this many),
 * {@code sample} (2,000: people evaluated by the in-memory path of time-dependent segments, to
 * extrapolate it), {@code report} (true: rewrites the {@code segments} section of
 * docs/benchmarks.md).
 *
 * <p>The data is written straight into the tables the ingest path fills ({@link SegmentBenchData});
 * the segment objects are wired as the server wires them, in this JVM, with nothing else running
 * (no event processor, no timeline relay). For each segment: the SQL evaluator's count, the full
 * recompute as {@link SqlRecompute} does it (the first one enters every member and writes their
 * feed rows; the second finds nothing changed), and for a segment a clock can change, the rate of
 * the in-memory path the recompute worker takes for those.
 */
public final class SegmentBenchmark {
  private static final DateTimeFormatter DUCK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private SegmentBenchmark() {}

  record Row(
      SegmentCases.Case c,
      long members,
      double countSeconds,
      double firstSeconds,
      int entered,
      double againSeconds,
      int changedAgain,
      boolean timeDependent,
      double inMemoryPerProfileMicros,
      Long duckMembers,
      Double duckSeconds) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int profiles = Integer.parseInt(options.getOrDefault("profiles", "1000000"));
    int perProfile = Integer.parseInt(options.getOrDefault("events-per-profile", "20"));
    int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
    int sample = Integer.parseInt(options.getOrDefault("sample", "2000"));
    boolean report = Boolean.parseBoolean(options.getOrDefault("report", "true"));
    String loadAtStart = loadAverage();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Path dir = Files.createTempDirectory("kairos-segment-bench");
    try (Database db = TestDatabase.fresh();
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      long t0 = System.nanoTime();
      SegmentBenchData.load(db, profiles, perProfile, now);
      double loadSeconds = seconds(t0);
      long events = count(db, "select count(*) from events");
      System.out.printf(
          "loaded %,d profiles and %,d events in %.1f s%n", profiles, events, loadSeconds);
      t0 = System.nanoTime();
      try (Statement s = duck.createStatement()) {
        s.execute("set threads = 2");
      }
      SegmentBenchData.export(db, duck, dir);
      double exportSeconds = seconds(t0);
      System.out.printf("exported to Parquet in %.1f s%n", exportSeconds);

      SegmentStore store = new SegmentStore(db, Json.MAPPER);
      SegmentCatalog catalog = new SegmentCatalog(store).reload();
      Segments segments = new Segments(store, catalog, new RecomputeStore(db), clock);
      new BuiltInSegments(segments, new BuiltInStore(db), Json.MAPPER, clock).install();
      BigDecimal aovCut =
          decimal(
              db,
              "select round((percentile_cont(2.0 / 3) within group (order by revenue /"
                  + " orders_count))::numeric, 2) from profiles where orders_count > 0");
      BigDecimal vipCut =
          decimal(
              db,
              "select round((percentile_cont(0.95) within group (order by revenue))::numeric, 2)"
                  + " from profiles where orders_count > 0");
      cut(segments, "aov_high", "High order value", "average_order_value", aovCut);
      cut(segments, "vip", "VIP", "revenue", vipCut);
      for (SegmentCases.Case c : SegmentCases.all()) {
        if (c.condition() != null) {
          DefinitionOutcome created =
              segments.create(c.key(), c.key(), Json.MAPPER.readTree(c.condition()), false);
          if (!(created instanceof DefinitionOutcome.Saved)) {
            throw new IllegalStateException(c.key() + ": " + created);
          }
        }
      }
      catalog.reload();
      SegmentSql sql = new SegmentSql(catalog, ZoneOffset.UTC);
      SegmentFeed feed = new SegmentFeed();
      SqlRecompute recompute = new SqlRecompute(db, sql, feed);
      Reevaluation reevaluation =
          new Reevaluation(
              db,
              clock,
              new PersonLoader()::load,
              new Evaluation(catalog, ZoneOffset.UTC, Json.MAPPER),
              new MembershipStore(Json.MAPPER, feed));
      List<UUID> sampleIds =
          db.read(
              c ->
                  Sql.list(
                      c,
                      "select id from profiles order by id limit ?",
                      rs -> rs.getObject(1, UUID.class),
                      sample));
      String window30 =
          DUCK_TIME.format(now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(30).atStartOfDay());
      String duckNow = DUCK_TIME.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
      List<Row> rows = new ArrayList<>();
      for (SegmentCases.Case c : SegmentCases.all()) {
        SegmentCatalog.Active active = catalog.find(c.key()).orElseThrow();
        long[] members = new long[1];
        double countSeconds =
            median(runs, () -> members[0] = db.read(x -> sql.count(x, active.condition(), now)));
        long t = System.nanoTime();
        List<MembershipChange> first = recompute.recompute(active, now);
        double firstSeconds = seconds(t);
        t = System.nanoTime();
        List<MembershipChange> again = recompute.recompute(active, now);
        double againSeconds = seconds(t);
        double inMemory = -1;
        if (active.reads().timeDependent()) {
          inMemory = inMemoryMicros(reevaluation, active, sampleIds, now);
        }
        Long duckMembers = null;
        Double duckSeconds = null;
        if (c.duckdb() != null) {
          String query = SegmentCases.duckdb(c, window30, duckNow, aovCut, vipCut);
          long[] n = new long[1];
          duckSeconds = median(runs, () -> n[0] = duckCount(duck, query));
          duckMembers = n[0];
        }
        Row row =
            new Row(
                c,
                members[0],
                countSeconds,
                firstSeconds,
                first.size(),
                againSeconds,
                again.size(),
                active.reads().timeDependent(),
                inMemory,
                duckMembers,
                duckSeconds);
        rows.add(row);
        System.out.println(line(row, profiles));
      }
      String body =
          SegmentBenchReport.body(
              rows,
              profiles,
              events,
              loadSeconds,
              exportSeconds,
              aovCut,
              vipCut,
              sample,
              runs,
              loadAtStart,
              loadAverage());
      System.out.println(body);
      if (report) {
        BenchmarkReport.write("segments", "Segment full recompute against DuckDB", body);
      }
    } finally {
      Trees.delete(dir);
    }
  }

  static String line(Row r, int profiles) {
    return String.format(
        "%-22s members %,9d  count %6.2f s  recompute %6.2f s (%,d entered), again %6.2f s"
            + "  DuckDB %s%s",
        r.c().key(),
        r.members(),
        r.countSeconds(),
        r.firstSeconds(),
        r.entered(),
        r.againSeconds(),
        r.duckSeconds() == null
            ? "-"
            : String.format("%.3f s (%,d members)", r.duckSeconds(), r.duckMembers()),
        r.timeDependent()
            ? String.format(
                "  in-memory path %.0f µs/profile (≈ %.0f s for all)",
                r.inMemoryPerProfileMicros(), r.inMemoryPerProfileMicros() * profiles / 1e6)
            : "");
  }

  /** The in-memory path's cost per person: the sample evaluated 100 people per transaction. */
  private static double inMemoryMicros(
      Reevaluation reevaluation, SegmentCatalog.Active active, List<UUID> ids, Instant now) {
    long t = System.nanoTime();
    for (int from = 0; from < ids.size(); from += 100) {
      Map<UUID, List<SegmentCatalog.Active>> work = new LinkedHashMap<>();
      for (UUID id : ids.subList(from, Math.min(ids.size(), from + 100))) {
        work.put(id, List.of(active));
      }
      reevaluation.run(work, now, MembershipChange.Cause.RECOMPUTE, -1);
    }
    return (System.nanoTime() - t) / 1e3 / Math.max(1, ids.size());
  }

  private static void cut(Segments segments, String key, String name, String field, BigDecimal cut)
      throws Exception {
    String condition =
        "{\"and\": [{\"field\": \"orders_count\", \"op\": \"gte\", \"value\": 1}, {\"field\": \""
            + field
            + "\", \"op\": \"gte\", \"value\": "
            + cut.toPlainString()
            + "}]}";
    segments.update(key, name, Json.MAPPER.readTree(condition), true);
  }

  private static long duckCount(Connection duck, String query) throws Exception {
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double median(int runs, Callable<?> work) throws Exception {
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      work.call();
      times[i] = seconds(t);
    }
    Arrays.sort(times);
    return times[runs / 2];
  }

  private static long count(Database db, String query) {
    return db.read(c -> Sql.list(c, query, rs -> rs.getLong(1)).get(0));
  }

  private static BigDecimal decimal(Database db, String query) {
    return db.read(c -> Sql.list(c, query, rs -> rs.getBigDecimal(1)).get(0));
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].startsWith("--") ? args[i].substring(2) : args[i];
      int eq = arg.indexOf('=');
      if (eq > 0) {
        given.put(arg.substring(0, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        given.put(arg, args[++i]);
      } else {
        throw new IllegalArgumentException("arguments are --name value or name=value: " + arg);
      }
    }
    return given;
  }
}
