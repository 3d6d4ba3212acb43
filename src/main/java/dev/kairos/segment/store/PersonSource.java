package dev.kairos.segment.store;

import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.Person;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Loads people as the in-memory evaluator reads them, with the behaviour {@code reads} names
 * (absent from the answer: no such live profile). The core half's {@code PersonLoader} is one.
 */
@FunctionalInterface
public interface PersonSource {
  Map<UUID, Person> load(Connection c, Collection<UUID> ids, Dependencies reads)
      throws SQLException;
}
