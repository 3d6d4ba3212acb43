package dev.kairos.app;

import dev.kairos.ingest.EventWatermark;
import dev.kairos.intelligence.ShopHistory;
import dev.kairos.intelligence.ShopHistorySource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The shop's history as the recompute reads it, once the events this node acknowledged before the
 * read are applied: a recompute started right after an order's 200 counts that order, though the
 * processor may be waiting to apply it with others (docs/decisions/0011). Past {@link #PATIENCE} it
 * reads what is applied.
 */
final class CaughtUpHistory implements ShopHistorySource {
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ShopHistorySource history;
  private final EventWatermark watermark;

  CaughtUpHistory(ShopHistorySource history, EventWatermark watermark) {
    this.history = history;
    this.watermark = watermark;
  }

  @Override
  public ShopHistory all(Instant asOf) {
    awaitApplied();
    return history.all(asOf);
  }

  @Override
  public ShopHistory of(Collection<UUID> profileIds, Instant asOf) {
    awaitApplied();
    return history.of(profileIds, asOf);
  }

  @Override
  public Set<UUID> changedSince(Instant since) {
    awaitApplied();
    return history.changedSince(since);
  }

  private void awaitApplied() {
    try {
      watermark.awaitCaughtUp(PATIENCE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
