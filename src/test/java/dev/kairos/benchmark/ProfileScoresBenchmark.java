package dev.kairos.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.testing.TestServer;
import java.time.Clock;
import java.util.Map;

/**
 * Times the profile recompute (RFM, lifecycle stage, replenishment, best send hour) inside a real
 * server over synthetic profiles written straight into the database: the first full recompute
 * (every profile gets its first stage, announced as an event), a second one (nothing changed), and
 * an incremental pass after 1% of the profiles ordered again.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java
 * -Dexec.mainClass=dev.kairos.benchmark.ProfileScoresBenchmark -Dexec.args=100000}
 */
public final class ProfileScoresBenchmark {
  private ProfileScoresBenchmark() {}

  public static void main(String[] args) {
    int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (TestServer server =
        TestServer.start(Clock.systemUTC(), Map.of("KAIROS_INTELLIGENCE_SCHEDULE", "off"))) {
      Database db = server.server().database();
      long orders = load(db, profiles);
      JsonNode first = recompute(server, "");
      JsonNode second = recompute(server, "");
      db.inTransaction(
          c ->
              Sql.update(
                  c,
                  "update orders set updated_at = now() + interval '1 second'"
                      + " where order_id like 'o%01-1'")); // profiles 1, 101, 201 …: 1%
      JsonNode incremental = recompute(server, "?scope=changed");
      String body =
          String.format(
              "%,d profiles, %,d orders (synthetic: 0 to 4 orders each over 400 days, 500"
                  + " products).%n%n"
                  + "| run | profiles scored | stage-change events | time | of which reading |"
                  + " per step (ms) |%n"
                  + "|---|---|---|---|---|---|%n"
                  + "| first full recompute | %,d | %,d | %,d ms | %,d ms | %s |%n"
                  + "| second full recompute (nothing changed) | %,d | %,d | %,d ms | %,d ms | %s |%n"
                  + "| incremental pass | %,d | %,d | %,d ms | %,d ms | %s |%n",
              profiles,
              orders,
              first.path("profiles").asInt(),
              first.path("stage_changes").asInt(),
              first.path("duration_ms").asLong(),
              first.path("read_ms").asLong(),
              steps(first),
              second.path("profiles").asInt(),
              second.path("stage_changes").asInt(),
              second.path("duration_ms").asLong(),
              second.path("read_ms").asLong(),
              steps(second),
              incremental.path("profiles").asInt(),
              incremental.path("stage_changes").asInt(),
              incremental.path("duration_ms").asLong(),
              incremental.path("read_ms").asLong(),
              steps(incremental));
      JsonNode clv = first.path("steps").path("clv");
      body +=
          String.format(
              "%nCLV fit of the first recompute: %s (%s), %,d customers, %,d repeat buyers,"
                  + " fit %,d ms, %,d profiles' predictions written.%n",
              clv.path("outcome").asText(),
              clv.path("reason").asText(clv.path("parameters").toString()),
              clv.path("customers").asInt(),
              clv.path("repeat_buyers").asInt(),
              clv.path("fit_ms").asLong(),
              clv.path("profiles_changed").asInt());
      System.out.println(body);
      BenchmarkReport.write("profile-scores", "Profile recompute (RFM, lifecycle, …)", body);
    }
  }

  private static String steps(JsonNode summary) {
    StringBuilder text = new StringBuilder();
    summary
        .path("steps")
        .fields()
        .forEachRemaining(
            step ->
                text.append(text.length() == 0 ? "" : ", ")
                    .append(step.getKey())
                    .append(" ")
                    .append(step.getValue().path("duration_ms").asLong()));
    return text.toString();
  }

  private static JsonNode recompute(TestServer server, String query) {
    TestServer.Response response = server.admin("POST", "/api/intelligence/recompute" + query);
    if (response.status() != 200) {
      throw new IllegalStateException(response.text());
    }
    return response.body();
  }

  private static long load(Database db, int profiles) {
    return db.inTransaction(
        c -> {
          Sql.update(
              c,
              "insert into profiles (id, created_at, updated_at, time_zone)"
                  + " select md5(i::text)::uuid, now(), now(),"
                  + " case when i % 3 = 0 then 'Europe/Berlin' end"
                  + " from generate_series(1, ?) i",
              profiles);
          Sql.update(
              c,
              "insert into identifiers (kind, value, profile_id, first_seen_at)"
                  + " select 'userId', 'u' || i, md5(i::text)::uuid, now()"
                  + " from generate_series(1, ?) i",
              profiles);
          Sql.update(
              c,
              "insert into identifiers (kind, value, profile_id, first_seen_at)"
                  + " select 'email', 'u' || i || '@example.com', md5(i::text)::uuid, now()"
                  + " from generate_series(1, ?) i where i % 2 = 0",
              profiles);
          int orders =
              Sql.update(
                  c,
                  "insert into orders (order_id, profile_id, status, revenue, placed_at,"
                      + " updated_at, source) select 'o' || i || '-' || j, md5(i::text)::uuid,"
                      + " 'completed', 10 + (i * 7 + j * 13) % 200,"
                      + " now() - ((i * 37 + j * 53) % 400) * interval '1 day'"
                      + " - (i % 24) * interval '1 hour', now() - interval '1 hour', 'bench'"
                      + " from generate_series(1, ?) i, generate_series(1, 4) j where j <= i % 5",
                  profiles);
          Sql.update(
              c,
              "insert into order_lines (order_id, line_no, product_id, quantity)"
                  + " select order_id, 1, 'sku-' || (abs(hashtext(order_id)) % 500), 1"
                  + " from orders");
          Sql.update(c, "analyze");
          return (long) orders;
        });
  }
}
