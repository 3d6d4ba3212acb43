package dev.kairos.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.TestDatabase;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of a release that already had a higher version than some new migration (contexts
 * number their migrations in ranges) gets the new lower one too when it is upgraded.
 */
class MigrationsOutOfOrderTest {
  @TempDir Path older;

  @Test
  void a_database_already_past_a_new_lower_version_applies_it_on_upgrade() throws Exception {
    URL location = getClass().getClassLoader().getResource("db/migration");
    List<Path> migrations;
    try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
      migrations =
          files
              .filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
              .sorted(Comparator.comparingInt(MigrationsOutOfOrderTest::version))
              .toList();
    }
    Path added = migrations.get(migrations.size() - 2); // the new lower one
    for (Path migration : migrations) {
      if (!migration.equals(added)) {
        Files.copy(migration, older.resolve(migration.getFileName()));
      }
    }
    String url = TestDatabase.freshUrl();
    Flyway.configure()
        .dataSource(url, "postgres", TestDatabase.password())
        .locations("filesystem:" + older)
        .load()
        .migrate();

    PGSimpleDataSource upgraded = new PGSimpleDataSource();
    upgraded.setURL(url);
    upgraded.setUser("postgres");
    upgraded.setPassword(TestDatabase.password());
    Database.migrate(upgraded);

    List<Integer> applied = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", TestDatabase.password());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select version from flyway_schema_history where success and version is not"
                        + " null order by installed_rank")) {
      while (rs.next()) {
        applied.add(Integer.parseInt(rs.getString(1)));
      }
    }
    assertThat(applied).hasSize(migrations.size());
    assertThat(applied.get(applied.size() - 1)).as("applied last").isEqualTo(version(added));
  }

  private static int version(Path migration) {
    String name = migration.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }
}
