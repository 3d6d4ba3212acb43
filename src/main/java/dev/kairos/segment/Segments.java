package dev.kairos.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.Problem;
import dev.kairos.segment.condition.SegmentReferences;
import dev.kairos.segment.store.RecomputeStore;
import dev.kairos.segment.store.SegmentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saving segments: checks a definition (every problem at its JSON path of the request body), stores
 * it with its history, and queues the background recompute of its members.
 */
public final class Segments {
  public static final int MAX_NAME_LENGTH = 200;

  private final SegmentStore store;
  private final SegmentCatalog catalog;
  private final RecomputeStore recomputes;
  private final Clock clock;
  private volatile Runnable recomputeQueued = () -> {};

  public Segments(
      SegmentStore store, SegmentCatalog catalog, RecomputeStore recomputes, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.recomputes = recomputes;
    this.clock = clock;
  }

  /** Runs {@code hook} whenever a recompute is queued (the recompute worker wakes up). */
  public void whenRecomputeQueued(Runnable hook) {
    recomputeQueued = hook;
  }

  /** Creates a segment; its key is generated from its name when {@code key} is null. */
  public DefinitionOutcome create(String key, String name, JsonNode condition, boolean builtIn) {
    List<DefinitionProblem> problems = new ArrayList<>();
    checkName(name, problems);
    String resolved = key;
    if (key == null && name != null) {
      resolved = SegmentKeys.slug(name);
      if (resolved.isEmpty()) {
        problems.add(
            new DefinitionProblem("$.name", "name needs a letter or digit to make a key from"));
      }
    } else if (!SegmentKeys.valid(key)) {
      problems.add(
          new DefinitionProblem(
              "$.key",
              "key must be 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter"
                  + " or digit"));
    }
    checkCondition(condition, resolved, problems);
    if (!problems.isEmpty()) {
      return new DefinitionOutcome.Invalid(problems);
    }
    Instant now = clock.instant();
    Optional<Segment> saved =
        store.create(new Segment(resolved, name, condition, 1, builtIn, now, now));
    if (saved.isEmpty()) {
      return new DefinitionOutcome.KeyTaken(resolved);
    }
    return saved(saved.get());
  }

  /** Saves a new version of a segment's definition, as a person edited it. */
  public DefinitionOutcome update(String key, String name, JsonNode condition) {
    return update(key, name, condition, false);
  }

  /**
   * Saves a new version of a segment's definition; {@code byKairos}: Kairos moved a built-in's
   * thresholds (its upkeep of them goes on).
   */
  public DefinitionOutcome update(String key, String name, JsonNode condition, boolean byKairos) {
    Optional<Segment> existing = store.find(key);
    if (existing.isEmpty()) {
      return new DefinitionOutcome.NotFound(key);
    }
    List<DefinitionProblem> problems = new ArrayList<>();
    checkName(name, problems);
    checkCondition(condition, key, problems);
    if (!problems.isEmpty()) {
      return new DefinitionOutcome.Invalid(problems);
    }
    Segment before = existing.get();
    if (before.name().equals(name) && before.condition().equals(condition)) {
      return new DefinitionOutcome.Saved(before, false); // unchanged: no new version or recompute
    }
    return store
        .update(
            new Segment(
                key,
                name,
                condition,
                before.version(),
                before.builtIn(),
                before.createdAt(),
                clock.instant()),
            byKairos)
        .<DefinitionOutcome>map(this::saved)
        .orElse(new DefinitionOutcome.NotFound(key));
  }

  /** What deleting a segment did. */
  public sealed interface Deletion {
    record Deleted(String key) implements Deletion {}

    record NotFound(String key) implements Deletion {}

    /** Other segments name it in their conditions. */
    record Referenced(String key, List<String> by) implements Deletion {}
  }

  public Deletion delete(String key) {
    List<String> referencing = new ArrayList<>();
    for (SegmentCatalog.Active active : catalog.reload().all()) {
      if (!active.key().equals(key) && SegmentReferences.named(active.condition()).contains(key)) {
        referencing.add(active.key());
      }
    }
    if (!referencing.isEmpty()) {
      return new Deletion.Referenced(key, referencing);
    }
    boolean deleted = store.delete(key);
    catalog.reload();
    return deleted ? new Deletion.Deleted(key) : new Deletion.NotFound(key);
  }

  /** Queues a recompute of a segment's members (after an edit, or when a threshold moved). */
  public void recompute(Segment segment) {
    recomputes.queue(segment.key(), segment.version(), clock.instant());
    recomputeQueued.run();
  }

  private DefinitionOutcome saved(Segment segment) {
    catalog.reload();
    recompute(segment);
    return new DefinitionOutcome.Saved(segment, true);
  }

  private static void checkName(String name, List<DefinitionProblem> problems) {
    if (name == null || name.isBlank()) {
      problems.add(new DefinitionProblem("$.name", "name is required"));
    } else if (name.length() > MAX_NAME_LENGTH) {
      problems.add(
          new DefinitionProblem(
              "$.name", "name may be at most " + MAX_NAME_LENGTH + " characters"));
    }
  }

  /**
   * The condition's problems, their paths made paths of the request body ({@code $.condition…}).
   */
  private void checkCondition(JsonNode condition, String key, List<DefinitionProblem> problems) {
    if (condition == null || condition.isMissingNode() || condition.isNull()) {
      problems.add(new DefinitionProblem("$.condition", "condition is required"));
      return;
    }
    ParseResult result = catalog.reload().parser().parse(condition, key);
    if (result instanceof ParseResult.Invalid invalid) {
      for (Problem problem : invalid.problems()) {
        problems.add(new DefinitionProblem(bodyPath(problem.path()), problem.message()));
      }
    }
  }

  /** A path within a condition ({@code $.and[2]}) as a path of the request body. */
  public static String bodyPath(String conditionPath) {
    return "$.condition" + conditionPath.substring(1);
  }
}
