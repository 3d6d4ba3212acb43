package dev.kairos.profile.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.identity.IdentifierNormaliser;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.ingest.CallParser;
import dev.kairos.ingest.EventType;
import dev.kairos.ingest.ParsedCall;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A node applies the events it appended from what the request thread prepared, and every other
 * event (another node's, or its own after a restart) from the log's text of it. Both must lead to
 * the same facts, identifiers and products, or a profile would depend on which node took the call.
 */
class PreparedFromRequestOrLogProperties {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final CallParser parser = new CallParser(Json.MAPPER, Clock.fixed(NOW, ZoneOffset.UTC));
  private final EventApplier applier =
      new EventApplier(
          new IdentifierRules(
              new IdentifierNormaliser("GB"),
              IdentifierRules.parse(IdentifierRules.DEFAULT_EXTRA_KINDS)),
          new ProfileStore(Json.MAPPER),
          Clock.fixed(NOW, ZoneOffset.UTC),
          "test");

  @Property(tries = 500)
  void the_request_threads_preparation_and_the_replay_from_the_log_agree(
      @ForAll("calls") ObjectNode call) {
    EventType type = EventType.fromWireName(call.path("type").asText()).orElseThrow();
    ParsedCall parsed = parser.parseSingle(type, call.toString().getBytes(StandardCharsets.UTF_8));
    if (!(parsed instanceof ParsedCall.Events events)) {
      return; // a refused call is never prepared
    }
    TrackedEvent fromRequest = events.events().get(0);
    TrackedEvent fromLog =
        TrackedEvent.fromStored(
            Json.MAPPER, new String(fromRequest.json(), StandardCharsets.UTF_8));

    assertThat(fromLog.messageId()).isEqualTo(fromRequest.messageId());
    assertThat(fromLog.type()).isEqualTo(fromRequest.type());
    assertThat(fromLog.name()).isEqualTo(fromRequest.name());
    assertThat(fromLog.userId()).isEqualTo(fromRequest.userId());
    assertThat(fromLog.anonymousId()).isEqualTo(fromRequest.anonymousId());
    assertThat(fromLog.timestamp()).isEqualTo(fromRequest.timestamp());
    assertThat(fromLog.receivedAt()).isEqualTo(fromRequest.receivedAt());
    assertThat(fromLog.payload()).isEqualTo(fromRequest.payload());
    assertThat(applier.prepare(fromLog)).isEqualTo(applier.prepare(fromRequest));
  }

  @Provide
  Arbitrary<ObjectNode> calls() {
    Arbitrary<String> type =
        Arbitraries.of("track", "identify", "page", "screen", "alias", "group");
    Arbitrary<Object> userId =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Arbitraries.strings().withChars("aB7 -é@").ofMinLength(1).ofMaxLength(8),
            Arbitraries.longs().between(-5, 1_000_000_000_000L));
    Arbitrary<String> anonymousId =
        Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().alpha().ofLength(6));
    Arbitrary<String> timestamp =
        Combinators.combine(
                Arbitraries.longs().between(0, NOW.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of("Z", "+05:30", "-08:00", "+00:00"),
                Arbitraries.integers().between(0, 9))
            .as(
                (seconds, nanos, offset, digits) -> {
                  String pattern =
                      "yyyy-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits));
                  return Instant.ofEpochSecond(seconds, nanos)
                          .atOffset(ZoneOffset.of(offset.equals("Z") ? "+00:00" : offset))
                          .format(DateTimeFormatter.ofPattern(pattern))
                      + offset;
                });
    Arbitrary<String> event =
        Arbitraries.of(
            "Order Completed", "Product Added", "Product Viewed", "Order Refunded", "Signed Up");
    Arbitrary<String> email =
        Arbitraries.of("Ann@Example.COM", " bob@example.com ", "not-an-email", "07700 900123");
    return Combinators.combine(
            type,
            userId,
            anonymousId,
            timestamp,
            event,
            email,
            Arbitraries.integers().between(1, 20),
            Arbitraries.bigDecimals()
                .between(java.math.BigDecimal.ZERO, new java.math.BigDecimal("99999"))
                .ofScale(2))
        .as(
            (t, user, anonymous, time, name, mail, quantity, price) -> {
              ObjectNode call = Json.MAPPER.createObjectNode();
              call.put("type", t);
              if (user instanceof Long number) {
                call.put("userId", number);
              } else if (user != null) {
                call.put("userId", (String) user);
              }
              if (anonymous != null) {
                call.put("anonymousId", anonymous);
              }
              call.put("timestamp", time);
              call.put("previousId", "prev-1");
              call.put("groupId", "g-1");
              call.put("event", name);
              call.put("name", "Home");
              call.putObject("traits")
                  .put("email", mail)
                  .put("phone", mail)
                  .put("timezone", "Europe/Paris");
              ObjectNode properties = call.putObject("properties");
              properties.put("order_id", "o-1").put("revenue", price).put("product_id", "p-1");
              properties.put("price", price).put("quantity", quantity);
              ArrayNode products = properties.putArray("products");
              products
                  .addObject()
                  .put("product_id", "p-2")
                  .put("price", price)
                  .put("quantity", quantity);
              call.putObject("context").putObject("traits").put("email", mail);
              return call;
            });
  }
}
