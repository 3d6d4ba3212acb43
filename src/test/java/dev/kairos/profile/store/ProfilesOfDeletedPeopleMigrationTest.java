package dev.kairos.profile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.identity.Identifier;
import dev.kairos.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database of an earlier version, where a deleted person's later events had built a profile
 * flagged suppressed, holds nothing readable about them after the upgrade; live profiles stay.
 */
class ProfilesOfDeletedPeopleMigrationTest {
  private static final String SUPPRESSED = "00000000-0000-7000-8000-00000000000a";
  private static final String MERGED = "00000000-0000-7000-8000-00000000000b";
  private static final String LIVE = "00000000-0000-7000-8000-00000000000c";

  @Test
  void the_suppressed_profiles_of_earlier_versions_are_erased_and_their_events_kept_as_stubs()
      throws SQLException {
    String url = TestDatabase.freshUrl();
    flyway(url).target("15").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "postgres", TestDatabase.password());
        Statement s = c.createStatement()) {
      s.execute(
          "insert into profiles (id, merged_into, created_at, updated_at, traits, suppressed)"
              + " values ('"
              + SUPPRESSED
              + "', null, now(), now(), '{\"first_name\":\"Olwen\"}', true),"
              + " ('"
              + LIVE
              + "', null, now(), now(), '{\"first_name\":\"Lena\"}', false)");
      s.execute(
          "insert into profiles (id, merged_into, created_at, updated_at, traits)"
              + " values ('"
              + MERGED
              + "', '"
              + SUPPRESSED
              + "', now(), now(), '{\"city\":\"Olwenby\"}')");
      s.execute(
          "insert into identifiers (kind, value, profile_id, first_seen_at) values"
              + " ('email', 'olwen@example.com', '"
              + SUPPRESSED
              + "', now()),"
              + " ('anonymousId', 'olwen-phone', '"
              + MERGED
              + "', now()),"
              + " ('email', 'lena@example.com', '"
              + LIVE
              + "', now())");
      s.execute(
          "insert into events (seq, message_id, type, event, user_id, anonymous_id, occurred_at,"
              + " received_at, payload) values"
              + " (1, 'm-1', 'identify', null, null, 'olwen-phone', now(), now(),"
              + " '{\"type\":\"identify\",\"anonymousId\":\"olwen-phone\",\"traits\":{\"email\":\"olwen@example.com\"}}'),"
              + " (2, 'm-2', 'track', 'Order Completed', null, 'lena-laptop', now(), now(),"
              + " '{\"type\":\"track\",\"event\":\"Order Completed\",\"anonymousId\":\"lena-laptop\"}')");
      s.execute(
          "insert into profile_timeline (profile_id, first_seq, seqs, occurred_ats) values"
              + " ('"
              + MERGED
              + "', 1, '{1}', array[now()]), ('"
              + LIVE
              + "', 2, '{2}', array[now()])");
      s.execute(
          "insert into orders (order_id, profile_id, status, revenue, placed_at, updated_at, source)"
              + " values ('O-1', '"
              + SUPPRESSED
              + "', 'completed', 12, now(), now(), 'api')");
    }

    flyway(url).load().migrate();

    try (Connection c = DriverManager.getConnection(url, "postgres", TestDatabase.password())) {
      for (String table : tables(c)) {
        assertThat(count(c, "select count(*) from " + table + " t where t::text ilike '%olwen%'"))
            .as(table)
            .isZero();
      }
      assertThat(count(c, "select count(*) from profiles")).isEqualTo(1);
      assertThat(count(c, "select count(*) from identifiers where profile_id = '" + LIVE + "'"))
          .isEqualTo(1);
      assertThat(count(c, "select count(*) from events")).as("the log keeps its rows").isEqualTo(2);
      assertThat(
              count(c, "select count(*) from events where payload::json->>'suppressed' = 'true'"))
          .isEqualTo(1);
      assertThat(count(c, "select count(*) from event_profiles")).isEqualTo(1);
      assertThat(count(c, "select count(*) from orders where profile_id is null")).isEqualTo(1);
      assertThat(
              count(
                  c,
                  "select count(*) from suppressed_identifiers where value_sha256 = '"
                      + new Identifier("email", "olwen@example.com").valueSha256()
                      + "'"))
          .isEqualTo(1);
    }
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
    return Flyway.configure()
        .dataSource(url, "postgres", TestDatabase.password())
        .locations("classpath:db/migration");
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "select quote_ident(table_name) from information_schema.tables"
                    + " where table_schema = 'public' and table_type = 'BASE TABLE'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
