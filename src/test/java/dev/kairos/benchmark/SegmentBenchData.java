package dev.kairos.benchmark;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.postgresql.PGConnection;

/**
 * The benchmark's shop, written straight into the tables the ingest path fills (the event log,
 * {@code profile_timeline}, profiles with their commerce fields, identifiers and the behaviour
 * counters of decision 0021), with {@code generate_series} and a seeded {@code random()}: 20M
 * events through {@code /v1/batch} would take the better part of an hour on this machine, and the
 * recompute reads the same rows either way. Then the same data exported for DuckDB.
 *
 * <p>Per person: ~{@code eventsPerProfile} track events (each event goes to a random person) spread
 * evenly over 90 days: Product Viewed 45 %, Products Searched 15 %, Product Added 12 %, Cart Viewed
 * 10 %, Checkout Started 8 %, Product Removed 5 %, Order Completed 5 %; categories of 10; traits
 * city (6), plan (4), age, birthday; 0–4 orders with a per-person order value; a cart for every
 * tenth person changed in the last 3 hours … 30 days; a userId for 80 %, an email for 50 %. Profile
 * fields are not derived from the generated events (the counters are).
 */
final class SegmentBenchData {
  private SegmentBenchData() {}

  static void load(Database db, int profiles, int eventsPerProfile, Instant now) {
    Timestamp at = Timestamp.from(now);
    db.inTransaction(
        c -> {
          Sql.list(c, "select setseed(0.42)", rs -> 0);
          Sql.update(
              c,
              "insert into profiles (id, created_at, updated_at, first_seen_at, last_seen_at,"
                  + " time_zone, traits, orders_count, revenue, first_order_at, last_order_at,"
                  + " cart, cart_value, cart_updated_at)"
                  + " select md5('p' || i)::uuid, ts - interval '400 days', ts,"
                  + " ts - (i % 400) * interval '1 day', ts - (i % 5000) * interval '17 minutes',"
                  + " case i % 5 when 0 then 'Europe/Berlin' when 1 then 'America/New_York' end,"
                  + " jsonb_build_object('city', (array['York','Leeds','London','Paris','Berlin',"
                  + "'Madrid'])[1 + i % 6], 'plan', (array['free','pro','pro_plus','team'])"
                  + "[1 + (i / 7) % 4], 'age', 18 + (i * 13) % 60, 'birthday',"
                  + " to_char(date '1950-01-01' + (i * 37) % 20000, 'YYYY-MM-DD')),"
                  + " o, case when o = 0 then 0 else o * (5 + (i * 31) % 300) end,"
                  + " case when o > 0 then ts - ((i * 11) % 700 + 30) * interval '1 day' end,"
                  + " case when o > 0 then ts - ((i * 11) % 400) * interval '1 day' end,"
                  + " case when i % 10 = 0 then json_build_object('item_count', 1 + i % 3) end,"
                  + " case when i % 10 = 0 then 10 + (i * 7) % 90 end,"
                  + " case when i % 10 = 0 then ts - (i % 720 + 3) * interval '1 hour' end"
                  + " from (select i, (i * 7) % 5 as o, ?::timestamptz as ts"
                  + " from generate_series(1, ?) i) g",
              at,
              profiles);
          Sql.update(
              c,
              "insert into identifiers (kind, value, profile_id, first_seen_at)"
                  + " select 'userId', 'u' || i, md5('p' || i)::uuid, ? from generate_series(1, ?)"
                  + " i where i % 5 <> 0",
              at,
              profiles);
          Sql.update(
              c,
              "insert into identifiers (kind, value, profile_id, first_seen_at)"
                  + " select 'email', 'u' || i || '@example.com', md5('p' || i)::uuid, ?"
                  + " from generate_series(1, ?) i where i % 2 = 0",
              at,
              profiles);
          Sql.update(
              c,
              "create unlogged table bench_events as select s as seq, 1 + floor(random() * ?)::int"
                  + " as person, (array['Product Viewed','Products Searched','Product Added',"
                  + "'Cart Viewed','Checkout Started','Product Removed','Order Completed'])"
                  + "[case when r < 0.45 then 1 when r < 0.60 then 2 when r < 0.72 then 3"
                  + " when r < 0.82 then 4 when r < 0.90 then 5 when r < 0.95 then 6 else 7 end]"
                  + " as event, ?::timestamptz - random() * interval '90 days' as occurred_at,"
                  + " (array['Shoes','Shirts','Bags','Hats','Socks','Coats','Toys','Books',"
                  + "'Mugs','Lamps'])[1 + floor(random() * 10)::int] as category"
                  + " from (select s, random() as r from generate_series(1, ?::bigint) s) g",
              profiles,
              at,
              (long) profiles * eventsPerProfile);
          return null;
        });
    db.inTransaction(
        c -> {
          Sql.update(
              c,
              "insert into events (seq, message_id, type, event, user_id, occurred_at,"
                  + " received_at, payload) select seq, 'bench-' || seq, 'track', event, 'u' ||"
                  + " person, occurred_at, occurred_at, json_build_object('type', 'track', 'event',"
                  + " event, 'userId', 'u' || person, 'properties', json_build_object('product_id',"
                  + " 'sku-' || (seq % 500), 'category', category, 'price', 5 + seq % 95))::text"
                  + " from bench_events order by seq");
          Sql.list(c, "select setval('events_seq_seq', (select max(seq) from events))", rs -> 0);
          Sql.update(
              c,
              "insert into profile_timeline (profile_id, first_seq, seqs, occurred_ats)"
                  + " select md5('p' || person)::uuid, min(seq), array_agg(seq order by seq),"
                  + " array_agg(occurred_at order by seq) from bench_events group by person");
          Sql.update(
              c,
              "insert into profile_behaviour (profile_id, event, total, first_at, last_at)"
                  + " select md5('p' || person)::uuid, event, count(*), min(occurred_at),"
                  + " max(occurred_at) from bench_events group by person, event");
          Sql.update(
              c,
              "insert into profile_behaviour_days (event, day, profile_id, count)"
                  + " select event, day, md5('p' || person)::uuid, count(*) from (select event,"
                  + " (occurred_at at time zone 'UTC')::date as day, person from bench_events) e"
                  + " group by event, day, person order by day, event");
          // the processor and the segment evaluation are past these events (nothing replays them)
          Sql.update(c, "update event_cursor set applied_seq = (select max(seq) from events)");
          Sql.update(
              c,
              "update segment_evaluation_cursor set evaluated_seq = (select max(seq) from events)");
          return null;
        });
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("vacuum analyze"); // as autovacuum would have left the tables
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Exports what the DuckDB computations read into Parquet files under {@code dir} (through CSV:
   * PostgreSQL's {@code COPY} out, DuckDB's {@code COPY} to Parquet), instants as UTC timestamps.
   */
  static void export(Database db, java.sql.Connection duck, Path dir)
      throws IOException, SQLException {
    Files.createDirectories(dir);
    copyOut(
        db,
        "select id, traits ->> 'city', traits ->> 'plan', (traits ->> 'age')::int, orders_count,"
            + " revenue, (last_order_at at time zone 'UTC'), cart_value,"
            + " (cart ->> 'item_count')::int, (cart_updated_at at time zone 'UTC'),"
            + " exists (select 1 from identifiers i where i.profile_id = p.id and i.kind ="
            + " 'email'), exists (select 1 from identifiers i where i.profile_id = p.id and"
            + " i.kind = 'userId') from profiles p where merged_into is null",
        dir.resolve("profiles.csv"));
    copyOut(
        db,
        "select l.profile_id, e.event, (e.occurred_at at time zone 'UTC'),"
            + " e.payload::jsonb -> 'properties' ->> 'category' from events e join event_profiles"
            + " l on l.seq = e.seq where e.type = 'track'",
        dir.resolve("events.csv"));
    try (Statement s = duck.createStatement()) {
      s.execute(
          "copy (select * from read_csv('"
              + dir.resolve("profiles.csv")
              + "', header = false, columns = {'id': 'UUID', 'city': 'VARCHAR', 'plan':"
              + " 'VARCHAR', 'age': 'INTEGER', 'orders_count': 'INTEGER', 'revenue':"
              + " 'DECIMAL(18,2)', 'last_order_at': 'TIMESTAMP', 'cart_value': 'DECIMAL(18,2)',"
              + " 'cart_items': 'INTEGER', 'cart_updated_at': 'TIMESTAMP', 'has_email':"
              + " 'BOOLEAN', 'has_user_id': 'BOOLEAN'})) to '"
              + dir.resolve("profiles.parquet")
              + "' (format parquet)");
      s.execute(
          "copy (select * from read_csv('"
              + dir.resolve("events.csv")
              + "', header = false, columns = {'profile_id': 'UUID', 'event': 'VARCHAR',"
              + " 'occurred_at': 'TIMESTAMP', 'category': 'VARCHAR'})) to '"
              + dir.resolve("events.parquet")
              + "' (format parquet)");
      s.execute(
          "create view profiles as select * from read_parquet('"
              + dir.resolve("profiles.parquet")
              + "')");
      s.execute(
          "create view events as select * from read_parquet('"
              + dir.resolve("events.parquet")
              + "')");
    }
    Files.delete(dir.resolve("profiles.csv"));
    Files.delete(dir.resolve("events.csv"));
  }

  private static void copyOut(Database db, String query, Path file)
      throws IOException, SQLException {
    try (Connection c = db.dataSource().getConnection();
        Writer out = new BufferedWriter(Files.newBufferedWriter(file), 1 << 20)) {
      Sql.update(c, "set timezone = 'UTC'");
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut("copy (" + query + ") to stdout with (format csv)", out);
    }
  }
}
