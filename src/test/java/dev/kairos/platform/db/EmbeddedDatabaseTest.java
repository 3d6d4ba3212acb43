package dev.kairos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
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
}
