package dev.kairos.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.ConditionParser;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.SegmentDefinitions;
import dev.kairos.segment.store.SegmentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved segments with their parsed conditions, kept in memory for the evaluators and reloaded
 * when a segment is saved on this node or (every few seconds) on another. A segment condition
 * ({@code {"segment": KEY}}) reads the named segment's condition from here.
 */
public final class SegmentCatalog implements SegmentDefinitions {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentCatalog.class);

  /** A saved segment, its parsed condition and what that reads (segments named expanded). */
  public record Active(Segment segment, Condition condition, Dependencies reads) {
    public String key() {
      return segment.key();
    }
  }

  private final SegmentStore store;
  private volatile Snapshot snapshot = new Snapshot(Map.of());
  private volatile String fingerprint = "";

  public SegmentCatalog(SegmentStore store) {
    this.store = store;
  }

  /** Reads the segments again when any was saved or deleted since (on any node). */
  public SegmentCatalog refresh() {
    if (!store.fingerprint().equals(fingerprint)) {
      reload();
    }
    return this;
  }

  /** Reads every saved segment again. */
  public SegmentCatalog reload() {
    fingerprint = store.fingerprint();
    Map<String, Segment> segments = new LinkedHashMap<>();
    for (Segment segment : store.all()) {
      segments.put(segment.key(), segment);
    }
    snapshot = new Snapshot(segments);
    return this;
  }

  public List<Active> all() {
    return snapshot.active();
  }

  public Optional<Active> find(String key) {
    return snapshot.active().stream().filter(a -> a.key().equals(key)).findFirst();
  }

  /** A parser that knows the saved segments (for references and cycles). */
  public ConditionParser parser() {
    return new ConditionParser(this);
  }

  @Override
  public Optional<Condition> condition(String segmentKey) {
    return snapshot.condition(segmentKey);
  }

  /** One reading of the segments; conditions parsed on first use. */
  private static final class Snapshot implements SegmentDefinitions {
    private final Map<String, Segment> segments;
    private final Map<String, Condition> parsed = new HashMap<>();
    private final Set<String> parsing = new HashSet<>();
    private List<Active> active;

    Snapshot(Map<String, Segment> segments) {
      this.segments = segments;
    }

    @Override
    public synchronized Optional<Condition> condition(String key) {
      Condition done = parsed.get(key);
      if (done != null) {
        return Optional.of(done);
      }
      Segment segment = segments.get(key);
      if (segment == null || !parsing.add(key)) {
        return Optional.empty(); // unknown, or a cycle (never saved: the parser refuses them)
      }
      try {
        JsonNode json = segment.condition();
        ParseResult result = new ConditionParser(this).parse(json, key);
        if (result instanceof ParseResult.Valid valid) {
          parsed.put(key, valid.condition());
          return Optional.of(valid.condition());
        }
        LOG.warn("saved segment {} no longer parses: {}", key, result);
        return Optional.empty();
      } finally {
        parsing.remove(key);
      }
    }

    synchronized List<Active> active() {
      if (active == null) {
        List<Active> list = new ArrayList<>();
        for (Segment segment : segments.values()) {
          condition(segment.key())
              .ifPresent(c -> list.add(new Active(segment, c, Dependencies.of(c, this))));
        }
        active = List.copyOf(list);
      }
      return active;
    }
  }
}
