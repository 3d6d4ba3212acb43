package dev.kairos.ingest.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.platform.csv.CsvReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Customers: each row becomes an {@code identify} call with {@code userId} = customer_id and the
 * row's other columns as traits (blank cells are left out, so they never erase a known trait). A
 * row without customer_id but with an email is identified by the email alone. The messageId is
 * {@code import-customer-<id>-<hash of the call>}: the same row imported again is a duplicate, a
 * changed row is a new call.
 */
final class CustomerEvents implements RowMapper {
  static final List<String> REQUIRED = List.of("customer_id|email");
  private static final List<String> TRAITS = List.of("email", "phone", "first_name", "last_name");

  private final Columns columns;
  private final ImportOptions options;
  private final ObjectMapper mapper;

  CustomerEvents(Columns columns, ImportOptions options, ObjectMapper mapper) {
    this.columns = columns;
    this.options = options;
    this.mapper = mapper;
  }

  @Override
  public void accept(CsvReader.Record record, Output out) {
    String widthProblem = columns.widthProblem(record);
    if (widthProblem != null) {
      out.bad(record.line(), widthProblem);
      return;
    }
    String customerId = Values.id(columns.get(record, "customer_id"));
    String email = columns.get(record, "email");
    if (customerId == null && email == null) {
      out.bad(record.line(), "missing customer_id (and no email)");
      return;
    }
    ObjectNode event = mapper.createObjectNode();
    event.put("type", "identify");
    ObjectNode traits = mapper.createObjectNode();
    for (String trait : TRAITS) {
      String value = columns.get(record, trait);
      if (value != null) {
        traits.put(trait, value);
      }
    }
    String createdAt = columns.get(record, "created_at");
    Optional<Instant> created = Optional.empty();
    if (createdAt != null) {
      created = Values.instant(createdAt, options.zone());
      if (created.isEmpty()) {
        out.bad(record.line(), "created_at is not a date: '" + createdAt + "'");
        return;
      }
      traits.put("created_at", created.get().toString());
    }
    for (Map.Entry<String, Integer> other : columns.others()) {
      String value = record.field(other.getValue());
      if (value != null && !value.isBlank()) {
        traits.put(other.getKey(), value.trim());
      }
    }
    String key;
    if (customerId != null) {
      event.put("userId", customerId);
      key = Values.shortId(customerId);
    } else {
      key = "email-" + Values.hash(email.toLowerCase(Locale.ROOT));
      event.put("anonymousId", "import-" + key);
    }
    event.set("traits", traits);
    created.ifPresent(at -> event.put("timestamp", at.toString()));
    event.set("context", OrderEvents.context(mapper));
    event.put("messageId", "import-customer-" + key + "-" + Values.hash(event.toString()));
    out.event(ImportEvent.of(record.line(), event, mapper));
  }
}
