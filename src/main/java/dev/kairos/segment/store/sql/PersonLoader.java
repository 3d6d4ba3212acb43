package dev.kairos.segment.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.segment.condition.Behaviour;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.Person;
import dev.kairos.segment.condition.ProfileField;
import dev.kairos.segment.condition.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Loads people for the in-memory evaluator: their computed fields read with the very expressions
 * the SQL evaluator compares ({@link ProfileColumns}), traits, identifier kinds, and the behaviour
 * a condition's {@link Dependencies} name. Merged profiles are not loaded.
 */
public final class PersonLoader {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final List<ProfileField> STORED =
      java.util.Arrays.stream(ProfileField.values())
          .filter(f -> f != ProfileField.DAYS_SINCE_LAST_ORDER)
          .toList();

  public Map<UUID, Person> load(Connection c, Collection<UUID> profileIds, Dependencies reads)
      throws SQLException {
    Map<UUID, Row> rows = profiles(c, profileIds);
    if (rows.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Set<String>> kinds = identifierKinds(c, rows.keySet());
    Map<UUID, Map<String, Behaviour.Summary>> summaries =
        summaries(c, rows.keySet(), reads.events());
    Map<UUID, List<Behaviour.Recorded>> events =
        RecordedEvents.load(c, rows.keySet(), reads.eventsWithProperties(), JSON);
    Map<UUID, Person> people = new LinkedHashMap<>();
    for (Row row : rows.values()) {
      people.put(
          row.id,
          new Person(
              row.id,
              Zones.orNull(row.zone),
              row.fields,
              row.traits,
              kinds.getOrDefault(row.id, Set.of()),
              new Behaviour(
                  summaries.getOrDefault(row.id, Map.of()), events.getOrDefault(row.id, List.of())),
              row.consent));
    }
    return people;
  }

  private static final class Row {
    UUID id;
    String zone;
    ObjectNode traits;
    ObjectNode consent;
    Map<ProfileField, Value> fields = new HashMap<>();
  }

  private static Map<UUID, Row> profiles(Connection c, Collection<UUID> ids) throws SQLException {
    List<Field<?>> select = new ArrayList<>();
    select.add(ProfileColumns.ID);
    select.add(ProfileColumns.TIME_ZONE);
    select.add(DSL.field("{0}::text", SQLDataType.VARCHAR, ProfileColumns.TRAITS));
    select.add(DSL.field("{0}::text", SQLDataType.VARCHAR, ProfileColumns.CONSENT));
    for (ProfileField f : STORED) {
      select.add(ProfileColumns.of(f));
    }
    DSLContext sql = DSL.using(c, SQLDialect.POSTGRES);
    Map<UUID, Row> rows = new LinkedHashMap<>();
    for (Record r :
        sql.select(select)
            .from(ProfileColumns.PROFILES)
            .where(ProfileColumns.ID.in(ids))
            .and(ProfileColumns.MERGED_INTO.isNull())
            .fetch()) {
      Row row = new Row();
      row.id = r.get(0, UUID.class);
      row.zone = r.get(1, String.class);
      row.traits = traits(r.get(2, String.class));
      row.consent = traits(r.get(3, String.class));
      for (int i = 0; i < STORED.size(); i++) {
        Value value = value(r.get(4 + i));
        if (value != null) {
          row.fields.put(STORED.get(i), value);
        }
      }
      rows.put(row.id, row);
    }
    return rows;
  }

  private static Value value(Object read) {
    if (read == null) {
      return null;
    }
    if (read instanceof BigDecimal number) {
      return new Value.Number(number);
    }
    if (read instanceof Boolean bool) {
      return new Value.Bool(bool);
    }
    if (read instanceof OffsetDateTime time) {
      Instant instant = time.toInstant();
      return new Value.Moment(instant, instant.toString());
    }
    return new Value.Text(read.toString());
  }

  private static ObjectNode traits(String text) {
    try {
      JsonNode node = text == null ? null : JSON.readTree(text);
      return node instanceof ObjectNode object ? object : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored traits are not JSON", e);
    }
  }

  private static Map<UUID, Set<String>> identifierKinds(Connection c, Set<UUID> ids)
      throws SQLException {
    Map<UUID, Set<String>> kinds = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select distinct profile_id, kind from identifiers where profile_id = any(?::uuid[])")) {
      ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          kinds
              .computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>())
              .add(rs.getString(2));
        }
      }
    }
    return kinds;
  }

  private static Map<UUID, Map<String, Behaviour.Summary>> summaries(
      Connection c, Set<UUID> ids, Set<String> events) throws SQLException {
    Map<UUID, Map<String, Behaviour.Summary>> summaries = new HashMap<>();
    if (events.isEmpty()) {
      return summaries;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select profile_id, event, total, first_at, last_at from profile_behaviour"
                + " where profile_id = any(?::uuid[]) and event = any(?::text[])")) {
      ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      ps.setArray(2, c.createArrayOf("text", events.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          summaries
              .computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
              .put(
                  rs.getString(2),
                  new Behaviour.Summary(
                      rs.getLong(3),
                      rs.getObject(4, OffsetDateTime.class).toInstant(),
                      rs.getObject(5, OffsetDateTime.class).toInstant(),
                      new TreeMap<>()));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select profile_id, event, day, count from profile_behaviour_days"
                + " where profile_id = any(?::uuid[]) and event = any(?::text[])")) {
      ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      ps.setArray(2, c.createArrayOf("text", events.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Behaviour.Summary summary =
              summaries.getOrDefault(rs.getObject(1, UUID.class), Map.of()).get(rs.getString(2));
          if (summary != null) {
            summary.daily().put(rs.getObject(3, LocalDate.class), rs.getLong(4));
          }
        }
      }
    }
    return summaries;
  }
}
