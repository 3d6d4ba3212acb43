package dev.kairos.app;

import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.EmbeddedDatabase;
import java.util.Optional;

/**
 * The node's database opened by a command-line tool without starting the server: the external
 * PostgreSQL when {@code KAIROS_DATABASE_URL} is set, else the embedded one under {@code
 * KAIROS_HOME} (which only one process may use at a time), migrated to the newest schema.
 */
public final class StandaloneDatabase implements AutoCloseable {
  private final Optional<EmbeddedDatabase> embedded;
  private final Database database;

  private StandaloneDatabase(Optional<EmbeddedDatabase> embedded, Database database) {
    this.embedded = embedded;
    this.database = database;
  }

  public static StandaloneDatabase open(KairosConfig config) {
    if (config.databaseUrl().isPresent()) {
      Database database =
          Database.connect(
              config.databaseUrl().get(),
              config.databaseUser().orElse(null),
              config.databasePassword().orElse(null),
              2);
      database.migrate();
      return new StandaloneDatabase(Optional.empty(), database);
    }
    EmbeddedDatabase db = EmbeddedDatabase.start(config.home().resolve("postgres"));
    try {
      Database database = Database.connect(db.jdbcUrl("postgres"), "postgres", db.password(), 2);
      database.migrate();
      return new StandaloneDatabase(Optional.of(db), database);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
    embedded.ifPresent(EmbeddedDatabase::close);
  }
}
