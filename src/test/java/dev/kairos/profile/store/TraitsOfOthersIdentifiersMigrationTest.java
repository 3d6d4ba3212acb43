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
 * A database of an earlier version, where a shared device's profile held another person's email as
 * a trait (and its event kept a deleted person's email), keeps neither after the upgrade; the
 * device's own traits and events stay, and the events remember the emails they did not link.
 */
class TraitsOfOthersIdentifiersMigrationTest {
  private static final String KIOSK = "00000000-0000-7000-8000-0000000000a1";
  private static final String TILL = "00000000-0000-7000-8000-0000000000a2";
  private static final String ANN = "00000000-0000-7000-8000-0000000000a3";

  @Test
  void a_trait_naming_anothers_or_a_deleted_persons_email_is_removed_from_profiles_and_payloads()
      throws SQLException {
    String url = TestDatabase.freshUrl();
    flyway(url).target("17").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "postgres", TestDatabase.password());
        Statement s = c.createStatement()) {
      s.execute(
          "insert into profiles (id, merged_into, created_at, updated_at, traits) values"
              + " ('"
              + KIOSK
              + "', null, now(), now(), '{\"email\":\"hal@example.com\",\"city\":\"Hull\"}'),"
              + " ('"
              + TILL
              + "', null, now(), now(), '{\"email\":\" Ann@Example.com\"}'),"
              + " ('"
              + ANN
              + "', null, now(), now(), '{\"email\":\"ann@example.com\",\"city\":\"Ayr\"}')");
      s.execute(
          "insert into identifiers (kind, value, profile_id, first_seen_at) values"
              + " ('anonymousId', 'kiosk-1', '"
              + KIOSK
              + "', now()), ('anonymousId', 'till-1', '"
              + TILL
              + "', now()), ('email', 'ann@example.com', '"
              + ANN
              + "', now())");
      s.execute(
          "insert into suppressed_identifiers (kind, value_sha256, reason, suppressed_at) values"
              + " ('email', '"
              + new Identifier("email", "hal@example.com").valueSha256()
              + "', 'deleted', now())");
      s.execute(
          "insert into events (seq, message_id, type, event, user_id, anonymous_id, occurred_at,"
              + " received_at, payload) values"
              + " (1, 'm-1', 'identify', null, null, 'kiosk-1', now(), now(),"
              + " '{\"type\":\"identify\",\"anonymousId\":\"kiosk-1\","
              + "\"traits\":{\"email\":\"HAL@example.com\",\"city\":\"Hull\"}}'),"
              + " (2, 'm-2', 'track', 'Signed Up', null, 'till-1', now(), now(),"
              + " '{\"type\":\"track\",\"event\":\"Signed Up\",\"anonymousId\":\"till-1\","
              + "\"context\":{\"traits\":{\"email\":\" Ann@Example.com\"}}}'),"
              + " (3, 'm-3', 'identify', null, null, null, now(), now(),"
              + " '{\"type\":\"identify\",\"traits\":{\"email\":\"ann@example.com\"}}')");
      s.execute(
          "insert into profile_timeline (profile_id, first_seq, seqs, occurred_ats) values"
              + " ('"
              + KIOSK
              + "', 1, '{1}', array[now()]), ('"
              + TILL
              + "', 2, '{2}', array[now()]), ('"
              + ANN
              + "', 3, '{3}', array[now()])");
    }

    flyway(url).load().migrate();

    try (Connection c = DriverManager.getConnection(url, "postgres", TestDatabase.password())) {
      for (String table : tables(c)) {
        assertThat(count(c, "select count(*) from " + table + " t where t::text ilike '%hal@%'"))
            .as(table)
            .isZero();
      }
      assertThat(text(c, "select traits::text from profiles where id = '" + KIOSK + "'"))
          .isEqualTo("{\"city\": \"Hull\"}");
      assertThat(text(c, "select traits::text from profiles where id = '" + TILL + "'"))
          .isEqualTo("{}");
      assertThat(text(c, "select traits->>'email' from profiles where id = '" + ANN + "'"))
          .as("the owner keeps its email")
          .isEqualTo("ann@example.com");
      assertThat(text(c, "select payload::json->'traits'->>'city' from events where seq = 1"))
          .isEqualTo("Hull");
      assertThat(
              text(
                  c,
                  "select string_agg(seq || ':' || kind || ':' || value_sha256, ',')"
                      + " from unlinked_identifiers"))
          .isEqualTo("2:email:" + new Identifier("email", "ann@example.com").valueSha256());
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

  private static String text(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
