package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The stand-in for the segment language until the segments context is wired: {@code {"trait": T,
 * "op": "eq"|"neq", "value": V}}, {@code {"field": F, "op": "eq"|"neq"|"gt"|"gte"|"lt"|"lte",
 * "value": V}} on the profile's JSON (e.g. {@code orders_count}), combined with {@code and}, {@code
 * or} and {@code not}. Anything else (performed, segment, …) is {@link
 * ConditionResult.Unavailable}: the run fails at that step with the reason in its trace.
 */
public final class TraitEquality implements PersonConditions {
  private final Function<UUID, Optional<JsonNode>> profiles;

  /**
   * @param profiles a profile's JSON as the API shows it, by id
   */
  public TraitEquality(Function<UUID, Optional<JsonNode>> profiles) {
    this.profiles = profiles;
  }

  @Override
  public ConditionResult holds(UUID profileId, JsonNode condition, Instant now) {
    Optional<JsonNode> profile = profiles.apply(profileId);
    if (profile.isEmpty()) {
      return new ConditionResult.Holds(false, "no such profile");
    }
    try {
      boolean holds = evaluate(profile.get(), condition);
      return new ConditionResult.Holds(holds, condition.toString());
    } catch (UnsupportedOperationException e) {
      return new ConditionResult.Unavailable(e.getMessage());
    }
  }

  private boolean evaluate(JsonNode profile, JsonNode c) {
    if (c.has("and")) {
      boolean all = true;
      for (JsonNode part : c.get("and")) {
        all &= evaluate(profile, part);
      }
      return all;
    }
    if (c.has("or")) {
      boolean any = false;
      for (JsonNode part : c.get("or")) {
        any |= evaluate(profile, part);
      }
      return any;
    }
    if (c.has("not")) {
      return !evaluate(profile, c.get("not"));
    }
    String op = c.path("op").asText("eq");
    if (c.has("trait")) {
      return compare(profile.path("traits").get(c.get("trait").asText()), op, c.get("value"));
    }
    if (c.has("field")) {
      return compare(profile.get(c.get("field").asText()), op, c.get("value"));
    }
    throw new UnsupportedOperationException(
        "the segment condition language is not yet available here; only trait and field"
            + " comparisons with and/or/not are: "
            + c.fieldNames().next());
  }

  private static final Map<String, String> OPS =
      Map.of("eq", "eq", "neq", "neq", "gt", "gt", "gte", "gte", "lt", "lt", "lte", "lte");

  private static boolean compare(JsonNode actual, String op, JsonNode expected) {
    if (!OPS.containsKey(op)) {
      throw new UnsupportedOperationException(
          "the segment condition language is not yet available here; op " + op);
    }
    return new PropertyCondition("v", op, expected)
        .holds(
            actual == null
                ? null
                : new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode()
                    .set("v", actual));
  }
}
