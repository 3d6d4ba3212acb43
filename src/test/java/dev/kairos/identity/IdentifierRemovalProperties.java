package dev.kairos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.http.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Removing a deleted person's identifiers from a stored event (an event of someone else that
 * carried them) leaves the event carrying none of them, and every other identifier it carried.
 */
class IdentifierRemovalProperties {
  private static final IdentifierRules RULES =
      new IdentifierRules(
          new IdentifierNormaliser("GB"), IdentifierRules.parse("device_id=context.device.id"));
  private static final List<String> EMAILS = List.of("hal@example.com", "Ann@Example.com ");
  private static final List<String> PHONES = List.of("+44 7700 900123", "07700 900456");

  @Property
  void removing_identifiers_leaves_none_of_them_and_all_the_others(
      @ForAll boolean track,
      @ForAll @IntRange(min = 0, max = 255) int fields,
      @ForAll @IntRange(min = 0, max = 255) int removed) {
    ObjectNode payload = Json.MAPPER.createObjectNode();
    payload.put("type", track ? "track" : "identify");
    payload.put("messageId", "m-1");
    payload.put("timestamp", "2026-06-01T08:00:00Z");
    payload.put("receivedAt", "2026-06-01T08:00:00Z");
    if (track) {
      payload.put("event", "Signed Up");
    }
    ObjectNode traits =
        track ? payload.putObject("context").putObject("traits") : payload.putObject("traits");
    put(payload, "userId", "u-1", fields, 0);
    put(payload, "anonymousId", "a-1", fields, 1);
    put(traits, "email", EMAILS.get(0), fields, 2);
    put(traits, "phone", PHONES.get((fields >> 7) & 1), fields, 3);
    put(traits, "loyalty_card", "L-9", fields, 4);
    put(traits, "city", "Hull", fields, 5);
    if (track) {
      put(payload.putObject("properties"), "email", EMAILS.get(1), fields, 6);
    }
    if (payload.has("context") || (fields & (1 << 6)) != 0) {
      ObjectNode context =
          payload.has("context")
              ? (ObjectNode) payload.get("context")
              : payload.putObject("context");
      put(context.putObject("device"), "id", "dev-7", fields, 6);
    }
    List<Identifier> before = RULES.of(TrackedEvent.fromPayload(payload));
    Set<Identifier> gone = new HashSet<>();
    for (int i = 0; i < before.size(); i++) {
      if ((removed & (1 << i)) != 0) {
        gone.add(before.get(i));
      }
    }

    boolean changed = RULES.remove(payload, gone);

    List<Identifier> after = RULES.of(TrackedEvent.fromPayload(payload));
    for (Identifier identifier : gone) {
      assertThat(after).doesNotContain(identifier);
    }
    List<Identifier> kept = new ArrayList<>(before);
    kept.removeAll(gone);
    assertThat(after).containsExactlyInAnyOrderElementsOf(kept);
    assertThat(changed).isEqualTo(!gone.isEmpty());
    assertThat(payload.toString())
        .contains("Signed Up".equals(payload.path("event").asText()) ? "Signed Up" : "identify");
    if ((fields & (1 << 5)) != 0) {
      assertThat(payload.toString()).as("what names nobody stays").contains("Hull");
    }
  }

  private static void put(ObjectNode node, String field, String value, int fields, int bit) {
    if ((fields & (1 << bit)) != 0) {
      node.put(field, value);
    }
  }
}
