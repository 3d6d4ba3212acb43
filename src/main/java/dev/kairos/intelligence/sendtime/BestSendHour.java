package dev.kairos.intelligence.sendtime;

import java.time.Instant;

/**
 * Estimates the local hour at which a person is most likely to engage.
 *
 * <p>The person's weighted engagements in the lookback are counted per local hour (in their time
 * zone) and spread over neighbouring hours (¼, ½, ¼). With total weight {@code n} below {@code
 * minimumEvidence} the answer is the shop-wide peak hour ({@link SendHourEstimate.ShopWide}).
 * Otherwise each hour's probability is {@code (count[h] + α · shop[h]) / (n + α)}, a Dirichlet
 * prior of strength {@code α = priorStrength} centred on the shop-wide distribution, and the answer
 * is the most probable hour ({@link SendHourEstimate.Personal}); ties go to the earliest hour.
 */
public final class BestSendHour {
  private final SendHourSettings settings;
  private final ShopHourDistribution shop;

  public BestSendHour(SendHourSettings settings, ShopHourDistribution shop) {
    this.settings = settings;
    this.shop = shop;
  }

  public SendHourEstimate estimate(PersonEngagement person, Instant now) {
    double[] counts = HourHistogram.of(person, now, settings);
    double evidence = HourHistogram.total(counts);
    if (evidence < settings.minimumEvidence() || evidence == 0) {
      return new SendHourEstimate.ShopWide(shop.peakHour(), evidence);
    }
    return new SendHourEstimate.Personal(HourHistogram.peak(posterior(counts)), evidence);
  }

  /** The blended probability of each local hour for a person. */
  public double[] hourProbabilities(PersonEngagement person, Instant now) {
    return posterior(HourHistogram.of(person, now, settings));
  }

  private double[] posterior(double[] counts) {
    double alpha = settings.priorStrength();
    double total = HourHistogram.total(counts) + alpha;
    double[] shares = shop.shares();
    double[] p = new double[HourHistogram.HOURS];
    for (int h = 0; h < p.length; h++) {
      p[h] = total == 0 ? shares[h] : (counts[h] + alpha * shares[h]) / total;
    }
    return p;
  }
}
