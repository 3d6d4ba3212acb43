package dev.kairos.segment.condition;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the in-memory evaluator knows of one person: the values of their computed fields (a field
 * without a value is absent), traits, identifier kinds and behaviour. Loaded with {@code
 * dev.kairos.segment.store.sql.PersonLoader}, which reads the same columns the SQL evaluator does.
 *
 * @param zone the person's own time zone, or null (the workspace's is used)
 * @param consent the person's current consent ({@code {channel: {topic: true|false}}}), read by the
 *     {@code consent} condition
 */
public record Person(
    UUID id,
    ZoneId zone,
    Map<ProfileField, Value> fields,
    ObjectNode traits,
    Set<String> identifierKinds,
    Behaviour behaviour,
    ObjectNode consent) {
  public Person {
    fields = Map.copyOf(fields);
    identifierKinds = Set.copyOf(identifierKinds);
    consent = consent == null ? JsonNodeFactory.instance.objectNode() : consent;
  }

  /** A person who never answered about consent. */
  public Person(
      UUID id,
      ZoneId zone,
      Map<ProfileField, Value> fields,
      ObjectNode traits,
      Set<String> identifierKinds,
      Behaviour behaviour) {
    this(id, zone, fields, traits, identifierKinds, behaviour, null);
  }
}
