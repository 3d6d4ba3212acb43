package dev.kairos.intelligence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Recomputes the profile scores: every step (RFM, lifecycle stage, replenishment, best send hour,
 * CLV) over the whole shop ({@link #recomputeAll}, daily), or over the profiles whose orders
 * changed since the last pass ({@link #rescoreChanged}, every few minutes). One recompute runs at a
 * time across all nodes.
 *
 * <p>Every recompute scores "as of" an analysis date: the clock's now, unless the operator fixed
 * one ({@code KAIROS_ANALYSIS_AS_OF}) or a call names one. Which profiles changed is still decided
 * on the clock (orders' {@code updated_at} is wall time), from when the previous run started.
 */
public final class RecomputingProfileScores {
  /**
   * An incremental pass looks this far behind the previous one, so an order committed by a
   * transaction that started before the previous pass read (its {@code updated_at} is older than
   * the commit) is not missed. Rescoring a profile twice is harmless.
   */
  static final Duration OVERLAP = Duration.ofMinutes(1);

  private final ShopHistorySource history;
  private final List<RecomputeStep> steps;
  private final RecomputeRuns runs;
  private final Clock clock;
  private final Optional<Instant> analysisAsOf;
  private volatile Optional<Instant> scoredAsOf;
  private final List<Consumer<RecomputeSummary>> listeners = new ArrayList<>();

  public RecomputingProfileScores(
      ShopHistorySource history,
      List<RecomputeStep> steps,
      RecomputeRuns runs,
      Clock clock,
      Optional<Instant> analysisAsOf) {
    this.history = history;
    this.steps = List.copyOf(steps);
    this.runs = runs;
    this.clock = clock;
    this.analysisAsOf = analysisAsOf;
    this.scoredAsOf = analysisAsOf;
  }

  /** The "now" of a recompute that names none: the fixed analysis date, else the clock's now. */
  public Instant defaultAsOf() {
    return analysisAsOf.orElseGet(clock::instant);
  }

  /**
   * The fixed date the whole shop was last scored as of on this node: the date the latest full
   * recompute named ({@code ?as_of=}), else {@code KAIROS_ANALYSIS_AS_OF}; empty when it scored as
   * of the clock's now. The recommendations served by this node are built as of the same date.
   */
  public Optional<Instant> scoredAsOf() {
    return scoredAsOf;
  }

  /** Called after every recompute with its summary (metrics, logs, tests awaiting a run). */
  public void onCompleted(Consumer<RecomputeSummary> listener) {
    listeners.add(listener);
  }

  /** Recomputes every profile of the shop as of the {@linkplain #defaultAsOf default date}. */
  public RecomputeSummary recomputeAll() {
    return recomputeAll(analysisAsOf);
  }

  /** Recomputes every profile of the shop as of {@code asOf}. */
  public RecomputeSummary recomputeAll(Instant asOf) {
    return recomputeAll(Optional.of(asOf));
  }

  private RecomputeSummary recomputeAll(Optional<Instant> fixed) {
    return runs.exclusively(() -> full(fixed, clock.instant(), System.nanoTime()));
  }

  /** {@link #rescoreChanged(Instant)} as of the {@linkplain #defaultAsOf default date}. */
  public RecomputeSummary rescoreChanged() {
    return rescoreChanged(analysisAsOf);
  }

  /**
   * Rescores, as of {@code asOf}, the profiles whose orders changed since the last recompute
   * started; a full recompute when none has run yet.
   */
  public RecomputeSummary rescoreChanged(Instant asOf) {
    return rescoreChanged(Optional.of(asOf));
  }

  private RecomputeSummary rescoreChanged(Optional<Instant> fixed) {
    return runs.exclusively(
        () -> {
          long started = System.nanoTime();
          Instant startedAt = clock.instant();
          Optional<Instant> last = runs.lastRunAt();
          if (!runs.fullRunDone() || last.isEmpty()) {
            return full(fixed, startedAt, started);
          }
          Instant asOf = fixed.orElse(startedAt);
          Instant since = last.get().minus(OVERLAP);
          Set<UUID> changed = history.changedSince(since);
          ShopHistory shop = history.of(changed, asOf);
          return run(
              RecomputeSummary.Kind.INCREMENTAL,
              shop,
              Optional.of(since),
              startedAt,
              started,
              s -> s::rescore);
        });
  }

  /** A full recompute as of the fixed date, else as of its start; it sets {@link #scoredAsOf}. */
  private RecomputeSummary full(Optional<Instant> fixed, Instant startedAt, long started) {
    RecomputeSummary summary =
        run(
            RecomputeSummary.Kind.FULL,
            history.all(fixed.orElse(startedAt)),
            Optional.empty(),
            startedAt,
            started,
            s -> s::recomputeAll);
    scoredAsOf = fixed;
    return summary;
  }

  private RecomputeSummary run(
      RecomputeSummary.Kind kind,
      ShopHistory shop,
      Optional<Instant> since,
      Instant startedAt,
      long started,
      Function<RecomputeStep, Function<ShopHistory, StepOutcome>> action) {
    List<StepOutcome> outcomes = new ArrayList<>(steps.size());
    int events = 0;
    long read = System.nanoTime();
    for (RecomputeStep step : steps) {
      long stepStarted = System.nanoTime();
      StepOutcome outcome = action.apply(step).apply(shop);
      Map<String, Object> figures = new LinkedHashMap<>(outcome.figures());
      figures.put("duration_ms", (System.nanoTime() - stepStarted) / 1_000_000);
      outcomes.add(
          new StepOutcome(outcome.step(), outcome.profilesChanged(), outcome.events(), figures));
      events += outcome.events();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    RecomputeSummary summary =
        new RecomputeSummary(
            kind,
            shop.asOf(),
            startedAt,
            since,
            shop.profiles().size(),
            events,
            millis,
            (read - started) / 1_000_000,
            outcomes);
    runs.record(summary);
    listeners.forEach(listener -> listener.accept(summary));
    return summary;
  }
}
