package dev.kairos.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.segment.store.BuiltInStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-commerce segments Kairos ships (src/main/resources/segments/, one readable JSON file each):
 * installed on first start with stable keys, editable like any other. Those whose thresholds come
 * from the shop's own figures (order value tertiles, the top 5% by revenue, the median predicted
 * value) get them recomputed daily, until someone edits them.
 */
public final class BuiltInSegments {
  private static final Logger LOG = LoggerFactory.getLogger(BuiltInSegments.class);
  static final String FOLDER = "/segments/";

  /** One shipped definition; {@code thresholds} says how its cut points are kept (or null). */
  public record Definition(String key, String name, JsonNode condition, JsonNode thresholds) {}

  private final Segments segments;
  private final BuiltInStore store;
  private final ObjectMapper mapper;
  private final Clock clock;

  public BuiltInSegments(Segments segments, BuiltInStore store, ObjectMapper mapper, Clock clock) {
    this.segments = segments;
    this.store = store;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Every shipped definition, in the order of index.txt. */
  public List<Definition> definitions() {
    List<Definition> definitions = new ArrayList<>();
    for (String line : resource("index.txt").split("\n")) {
      String key = line.strip();
      if (key.isEmpty() || key.startsWith("#")) {
        continue;
      }
      try {
        JsonNode json = mapper.readTree(resource(key + ".json"));
        definitions.add(
            new Definition(
                json.path("key").asText(),
                json.path("name").asText(),
                json.get("condition"),
                json.get("thresholds")));
      } catch (IOException e) {
        throw new UncheckedIOException("built-in segment " + key + " is not JSON", e);
      }
    }
    return definitions;
  }

  /** Installs the built-ins never installed here before; returns how many. */
  public int install() {
    Set<String> installed = store.installed();
    int count = 0;
    for (Definition definition : definitions()) {
      if (installed.contains(definition.key())) {
        continue;
      }
      DefinitionOutcome outcome =
          segments.create(definition.key(), definition.name(), definition.condition(), true);
      if (outcome instanceof DefinitionOutcome.Invalid invalid) {
        throw new IllegalStateException(
            "built-in segment " + definition.key() + " is invalid: " + invalid.problems());
      }
      if (definition.thresholds() != null) {
        store.thresholdsManaged(definition.key(), true);
      }
      store.markInstalled(definition.key(), clock.instant());
      count++;
    }
    return count;
  }

  /**
   * Moves the thresholds of the built-ins that have them to the shop's current figures (a new
   * version, and a recompute, only where a cut moved); returns the keys it changed.
   */
  public List<String> refreshThresholds() {
    List<String> changed = new ArrayList<>();
    Optional<List<BigDecimal>> tertiles = store.orderValueCuts(1.0 / 3, 2.0 / 3);
    Optional<List<BigDecimal>> top = store.customerRevenueCuts(0.95);
    Optional<List<BigDecimal>> median = store.predictedValueCuts(0.5);
    for (Definition definition : definitions()) {
      if (definition.thresholds() == null || !store.thresholdsManaged(definition.key())) {
        continue;
      }
      String kind = definition.thresholds().path("kind").asText();
      Optional<JsonNode> condition =
          switch (kind) {
            case "aov_tertile" ->
                tertiles.map(t -> aov(definition.thresholds().path("band").asText(), t));
            case "revenue_top_share" -> top.map(t -> atLeast("revenue", t.get(0)));
            case "clv_median" -> median.map(m -> atRisk(m.get(0)));
            default -> Optional.empty();
          };
      if (condition.isEmpty()) {
        continue;
      }
      JsonNode asStored = asStored(condition.get());
      DefinitionOutcome outcome =
          segments.update(definition.key(), definition.name(), asStored, true);
      if (outcome instanceof DefinitionOutcome.Saved saved && saved.recomputed()) {
        changed.add(definition.key());
      }
    }
    if (!changed.isEmpty()) {
      LOG.info("built-in segment thresholds moved: {}", changed);
    }
    return changed;
  }

  /** The condition as read back from storage (numbers compare equal to stored ones). */
  private JsonNode asStored(JsonNode condition) {
    try {
      return mapper.readTree(mapper.writeValueAsString(condition));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode aov(String band, List<BigDecimal> cuts) {
    ArrayNode all = mapper.createArrayNode();
    all.add(field("orders_count", "gte", BigDecimal.ONE));
    switch (band) {
      case "high" -> all.add(field("average_order_value", "gte", cuts.get(1)));
      case "medium" -> {
        all.add(field("average_order_value", "gte", cuts.get(0)));
        all.add(field("average_order_value", "lt", cuts.get(1)));
      }
      default -> all.add(field("average_order_value", "lt", cuts.get(0)));
    }
    ObjectNode and = mapper.createObjectNode();
    and.set("and", all);
    return and;
  }

  private JsonNode atLeast(String field, BigDecimal cut) {
    ObjectNode and = mapper.createObjectNode();
    and.putArray("and")
        .add(field("orders_count", "gte", BigDecimal.ONE))
        .add(field(field, "gte", cut));
    return and;
  }

  private JsonNode atRisk(BigDecimal median) {
    ObjectNode and = mapper.createObjectNode();
    and.putArray("and")
        .add(field("churn_risk", "gt", new BigDecimal("0.5")))
        .add(field("predicted_clv", "gte", median));
    return and;
  }

  private ObjectNode field(String field, String op, BigDecimal value) {
    ObjectNode node = mapper.createObjectNode();
    node.put("field", field);
    node.put("op", op);
    node.put("value", value);
    return node;
  }

  private static String resource(String name) {
    try (InputStream in = BuiltInSegments.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FOLDER + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
