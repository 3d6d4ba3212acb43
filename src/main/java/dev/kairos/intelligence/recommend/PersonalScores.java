package dev.kairos.intelligence.recommend;

import java.util.function.Supplier;

/**
 * The person-level scores of {@link Strategy#BUY_AGAIN} and {@link Strategy#FOR_YOU} for one
 * request (the formulas are documented on {@link ForYouWeights}).
 */
final class PersonalScores {
  /** Popularity takes part in the blend through this many most popular products. */
  static final int POPULAR_CANDIDATES = 200;

  private final Recommender model;
  private final int person;
  private final boolean[] excluded;
  private final Supplier<CandidateScores> scores;
  private int category = -1;

  /**
   * @param scores where the request's candidate scores come from (and are given back when it ends)
   */
  PersonalScores(
      Recommender model, int person, boolean[] excluded, Supplier<CandidateScores> scores) {
    this.model = model;
    this.person = person;
    this.excluded = excluded;
    this.scores = scores;
  }

  /** Each past product the person may be shown, scored by how likely it is bought again now. */
  CandidateScores buyAgain() {
    CandidateScores c = scores.get();
    PersonHistories h = model.histories();
    if (!h.knows(person)) {
      return c;
    }
    long now = model.builtFor().getEpochSecond();
    ForYouWeights weights = model.config().forYou();
    double[] interval = model.intervals().seconds;
    for (int q = h.start[person]; q < h.start[person + 1]; q++) {
      int item = h.item[q];
      if (h.bought[q] && !excluded[item]) {
        double unitsPerOrder = h.units[q] / (double) h.orders[q];
        c.add(
            item,
            weights.buyAgain(
                h.orders[q],
                now - h.lastBought[q],
                interval[item],
                unitsPerOrder,
                model.intervals().repeatRate[item]),
            item);
      }
    }
    return c;
  }

  /**
   * repeat × buyAgain / best + related × history / best + popular × popularity / best, popularity
   * taken within {@code mainCategory} when there is one (else overall).
   */
  CandidateScores forYou(CandidateScores history, int mainCategory) {
    this.category = mainCategory;
    ForYouWeights w = model.config().forYou();
    CandidateScores blend = scores.get();
    CandidateScores repeat = buyAgain();
    addScaled(blend, repeat, w.repeat(), true);
    addScaled(blend, history, w.related(), false);
    Popularity p = model.popularity();
    double[] popularity = model.popularityScore();
    int from = mainCategory >= 0 ? p.categoryFrom(mainCategory) : 0;
    int to = mainCategory >= 0 ? p.categoryTo(mainCategory) : p.ranked.length;
    to = Math.min(to, from + POPULAR_CANDIDATES);
    if (w.popular() > 0 && to > from) {
      double best = popularity[ranked(p, mainCategory, from)];
      for (int position = from; position < to; position++) {
        int item = ranked(p, mainCategory, position);
        blend.add(item, w.popular() * popularity[item] / best, -1);
      }
    }
    return blend;
  }

  private static int ranked(Popularity p, int category, int position) {
    return category >= 0 ? p.inCategory(position) : p.ranked[position];
  }

  private void addScaled(CandidateScores to, CandidateScores from, double weight, boolean self) {
    double best = from.max();
    if (best <= 0 || weight <= 0) {
      return;
    }
    for (int t = 0; t < from.touchedCount; t++) {
      int item = from.touched[t];
      if (!excluded[item]) {
        to.add(item, weight * from.score[item] / best, self ? item : from.contributor[item]);
      }
    }
  }

  /** Why a blended product is listed: its strongest contribution. */
  Reason reasonFor(int item, int contributor) {
    if (contributor == item) {
      return new Reason.BoughtBefore(model.products().id(item));
    }
    if (contributor >= 0) {
      return new Reason.BecauseOfYourInterestIn(model.products().id(contributor));
    }
    if (category >= 0) {
      return new Reason.PopularInCategory(model.eligibility().categories.id(category));
    }
    return new Reason.PopularOverall();
  }
}
