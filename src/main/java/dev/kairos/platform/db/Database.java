package dev.kairos.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kairos.platform.CpuPriority;
import dev.kairos.platform.DatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/** The PostgreSQL system of record: a connection pool, migrations and transactions. */
public final class Database implements AutoCloseable {

  /** Work done with one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource dataSource;

  /**
   * The backends (by pid) this pool has lowered the priority of, or null when it leaves them be.
   */
  private final Set<Integer> loweredBackends;

  private Database(HikariDataSource dataSource, boolean background) {
    this.dataSource = dataSource;
    this.loweredBackends = background ? ConcurrentHashMap.newKeySet() : null;
  }

  public static Database connect(String url, String user, String password, int poolSize) {
    return connect(url, user, password, poolSize, "kairos", false);
  }

  /**
   * A pool for background work on a PostgreSQL on this machine whose processes run as this user
   * (the embedded one): each of its backends runs at a lower CPU priority ({@link CpuPriority}), so
   * that under saturation the work requests wait on, done through the main pool, goes first.
   */
  public static Database connectBackground(String url, String user, String password, int poolSize) {
    return connect(url, user, password, poolSize, "kairos-background", true);
  }

  private static Database connect(
      String url, String user, String password, int poolSize, String name, boolean background) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName(name);
    // which pool a backend serves, in pg_stat_activity
    config.addDataSourceProperty("ApplicationName", name);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setAutoCommit(true);
    try {
      return new Database(new HikariDataSource(config), background);
    } catch (RuntimeException e) {
      throw new DatabaseException("cannot connect to the database at " + redact(url), e);
    }
  }

  /**
   * Brings the schema to the newest version (Flyway migrations under db/migration). Each context
   * numbers its migrations in its own range (docs/decisions/0030), so a release can add a version
   * below one a database already has: those are applied too ({@code outOfOrder}).
   */
  public void migrate() {
    migrate(dataSource);
  }

  /** Applies every pending migration, in version order, to the database behind this source. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .outOfOrder(true)
        .load()
        .migrate();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = connection()) {
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
    try (Connection connection = connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new DatabaseException("database read failed: " + e.getMessage(), e);
    }
  }

  private Connection connection() throws SQLException {
    Connection connection = dataSource.getConnection();
    if (loweredBackends != null) {
      try {
        int backend = connection.unwrap(PGConnection.class).getBackendPID();
        if (loweredBackends.add(backend)) {
          CpuPriority.lower(backend, CpuPriority.BACKGROUND_NICE);
        }
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }
}
