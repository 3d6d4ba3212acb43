package dev.kairos.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kairos.platform.DatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The PostgreSQL system of record: a connection pool, migrations and transactions. */
public final class Database implements AutoCloseable {

  /** Work done with one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static Database connect(String url, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("kairos");
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setAutoCommit(true);
    try {
      return new Database(new HikariDataSource(config));
    } catch (RuntimeException e) {
      throw new DatabaseException("cannot connect to the database at " + redact(url), e);
    }
  }

  /** Brings the schema to the newest version (Flyway migrations under db/migration). */
  public void migrate() {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException("database transaction failed: " + e.getMessage(), e);
    }
  }

  public <T> T read(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new DatabaseException("database read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }
}
