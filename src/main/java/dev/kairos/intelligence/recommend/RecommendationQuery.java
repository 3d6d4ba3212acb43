package dev.kairos.intelligence.recommend;

import java.util.ArrayList;
import java.util.List;

/** One request against a {@link Recommender}: exclusions, the strategy's scoring, the fallback. */
final class RecommendationQuery {
  private final Recommender model;
  private final Subject subject;
  private final int person;
  private final List<Integer> seeds = new ArrayList<>();
  private final boolean onlyNew;
  private final List<CandidateScores> taken = new ArrayList<>();
  private final boolean[] excluded;
  private final Selection selection;

  /**
   * @param onlyNew never list a product the person bought, even for a strategy that repeats
   *     purchases
   */
  RecommendationQuery(Recommender model, Subject subject, int k, boolean onlyNew) {
    this.onlyNew = onlyNew;
    this.model = model;
    this.subject = subject;
    this.person = subject.personId() == null ? -1 : model.persons().find(subject.personId());
    int itemCount = model.products().size();
    this.excluded = new boolean[itemCount];
    Eligibility eligibility = model.eligibility();
    for (int i = 0; i < itemCount; i++) {
      excluded[i] = !eligibility.recommendable[i];
    }
    List<String> seedIds = List.of();
    if (subject instanceof Subject.Cart cart) {
      seedIds = cart.productIds();
    } else if (subject instanceof Subject.Product product) {
      seedIds = List.of(product.productId());
    }
    for (String id : seedIds) {
      int i = model.products().find(id);
      if (i >= 0) {
        seeds.add(i);
        excluded[i] = true;
      }
    }
    this.selection = new Selection(k, excluded, model.products());
  }

  /** Products the person bought, unless consumable or the strategy is there to repeat them. */
  private void excludePurchases(Strategy strategy) {
    PersonHistories h = model.histories();
    if (!h.knows(person)) {
      return;
    }
    boolean repeats = strategy.repeatsPurchases() && !onlyNew;
    for (int q = h.start[person]; q < h.start[person + 1]; q++) {
      boolean consumable = model.eligibility().consumable[h.item[q]] && !onlyNew;
      if (h.bought[q] && !consumable && !repeats) {
        excluded[h.item[q]] = true;
      }
    }
  }

  List<Recommendation> run(Strategy strategy) {
    excludePurchases(strategy);
    switch (strategy) {
      case FREQUENTLY_BOUGHT_TOGETHER -> boughtTogether();
      case CUSTOMERS_ALSO_VIEWED -> alsoViewed();
      case BASED_ON_YOUR_HISTORY -> basedOnHistory();
      case NEXT_BEST_OFFER -> nextBestOffer();
      case POPULAR_IN_CATEGORY -> popularInCategory(categoryOfSubject(), false);
      case POPULAR -> popular(false);
      case BUY_AGAIN -> buyAgain();
      case FOR_YOU -> forYou();
    }
    popularInCategory(categoryOfSubject(), true);
    popular(true);
    taken.forEach(CandidateScores::giveBack);
    taken.clear();
    return selection.result();
  }

  private void boughtTogether() {
    if (subject instanceof Subject.Person) {
      PersonHistories h = model.histories();
      if (h.knows(person)) {
        for (int q = h.lastBasketStart[person]; q < h.lastBasketStart[person + 1]; q++) {
          seeds.add(h.lastBasketItem[q]);
        }
      }
    }
    CandidateScores c = scores();
    for (int seed : seeds) {
      c.addNeighbours(model.boughtTogether(), seed, 1.0);
    }
    selection.addBest(
        c,
        Strategy.FREQUENTLY_BOUGHT_TOGETHER,
        false,
        item -> new Reason.BoughtTogetherWith(id(c.contributor[item])));
  }

  private void alsoViewed() {
    CandidateScores viewed = scores();
    CandidateScores bought = scores();
    for (int seed : seeds) {
      viewed.addNeighbours(model.viewedTogether(), seed, 1.0);
      bought.addNeighbours(model.boughtTogether(), seed, 1.0);
    }
    selection.addBest(
        viewed,
        Strategy.CUSTOMERS_ALSO_VIEWED,
        false,
        item -> new Reason.ViewedTogetherWith(id(viewed.contributor[item])));
    selection.addBest(
        bought,
        Strategy.FREQUENTLY_BOUGHT_TOGETHER,
        true,
        item -> new Reason.BoughtTogetherWith(id(bought.contributor[item])));
  }

  private CandidateScores historyScores() {
    CandidateScores c = scores();
    PersonHistories h = model.histories();
    if (!h.knows(person)) {
      return c;
    }
    for (int q = h.start[person]; q < h.start[person + 1]; q++) {
      c.addNeighbours(model.boughtTogether(), h.item[q], h.weight[q]);
      c.addNeighbours(model.viewedTogether(), h.item[q], h.weight[q]);
    }
    return c;
  }

  /** The history score plus the "bought by the same customers" neighbours of what they bought. */
  private CandidateScores relatedScores() {
    CandidateScores c = historyScores();
    PersonHistories h = model.histories();
    double weight = model.config().forYou().sameCustomers();
    if (weight <= 0 || !h.knows(person)) {
      return c;
    }
    for (int q = h.start[person]; q < h.start[person + 1]; q++) {
      c.addNeighbours(model.boughtBySameCustomers(), h.item[q], weight * h.weight[q]);
    }
    return c;
  }

  private void basedOnHistory() {
    CandidateScores c = historyScores();
    selection.addBest(
        c,
        Strategy.BASED_ON_YOUR_HISTORY,
        false,
        item -> new Reason.BecauseOfYourInterestIn(id(c.contributor[item])));
  }

  /**
   * History score normalised to [0, 1] plus {@code popularityPrior} × popularity normalised to [0,
   * 1]. Without history this is popularity, reported as a fallback.
   */
  private void nextBestOffer() {
    CandidateScores history = historyScores();
    double maxHistory = history.max();
    if (maxHistory <= 0) {
      return;
    }
    CandidateScores blend = scores();
    for (int t = 0; t < history.touchedCount; t++) {
      int item = history.touched[t];
      blend.add(item, history.score[item] / maxHistory, history.contributor[item]);
    }
    double[] popularity = model.popularityScore();
    Popularity ranking = model.popularity();
    double prior = model.config().popularityPrior();
    if (prior > 0 && ranking.ranked.length > 0) {
      double maxPopularity = popularity[ranking.ranked[0]];
      int candidates = Math.min(ranking.ranked.length, PersonalScores.POPULAR_CANDIDATES);
      for (int position = 0; position < candidates; position++) {
        int item = ranking.ranked[position];
        blend.add(item, prior * popularity[item] / maxPopularity, -1);
      }
    }
    selection.addBest(
        blend,
        Strategy.NEXT_BEST_OFFER,
        false,
        item ->
            blend.contributor[item] >= 0
                ? new Reason.BecauseOfYourInterestIn(id(blend.contributor[item]))
                : new Reason.PopularOverall());
  }

  private void buyAgain() {
    CandidateScores c = personal().buyAgain();
    selection.addBest(c, Strategy.BUY_AGAIN, false, item -> new Reason.BoughtBefore(id(item)));
  }

  /** The blended score; someone without history gets the new-customer list. */
  private void forYou() {
    if (!model.histories().knows(person)) {
      Popularity p = model.newcomers();
      selection.addRanked(
          position -> p.ranked[position],
          0,
          p.ranked.length,
          model.newcomerScore(),
          Strategy.FOR_YOU,
          new Reason.PopularOverall(),
          true);
      return;
    }
    PersonalScores personal = personal();
    CandidateScores blend = personal.forYou(relatedScores(), categoryOfSubject());
    selection.addBest(
        blend, Strategy.FOR_YOU, false, item -> personal.reasonFor(item, blend.contributor[item]));
  }

  private PersonalScores personal() {
    return new PersonalScores(model, person, excluded, this::scores);
  }

  private void popularInCategory(int category, boolean fallback) {
    if (category < 0 || selection.full()) {
      return;
    }
    Popularity p = model.popularity();
    selection.addRanked(
        p::inCategory,
        p.categoryFrom(category),
        p.categoryTo(category),
        model.popularityScore(),
        Strategy.POPULAR_IN_CATEGORY,
        new Reason.PopularInCategory(model.eligibility().categories.id(category)),
        fallback);
  }

  private void popular(boolean fallback) {
    Popularity p = model.popularity();
    selection.addRanked(
        position -> p.ranked[position],
        0,
        p.ranked.length,
        model.popularityScore(),
        Strategy.POPULAR,
        new Reason.PopularOverall(),
        fallback);
  }

  /**
   * The category the fallback draws from: the named category, else the category of the first
   * categorised seed product, else the category of the person's history with the most weight.
   */
  private int categoryOfSubject() {
    Eligibility e = model.eligibility();
    if (subject instanceof Subject.Category c) {
      return e.categories.find(c.category());
    }
    for (int seed : seeds) {
      if (e.category[seed] >= 0) {
        return e.category[seed];
      }
    }
    PersonHistories h = model.histories();
    if (!h.knows(person) || e.categories.size() == 0) {
      return -1;
    }
    double[] weight = new double[e.categories.size()];
    int best = -1;
    for (int q = h.start[person]; q < h.start[person + 1]; q++) {
      int c = e.category[h.item[q]];
      if (c >= 0) {
        weight[c] += h.weight[q];
        if (best < 0 || weight[c] > weight[best]) {
          best = c;
        }
      }
    }
    return best;
  }

  /** Candidate scores for this request; given back to the pool when the request ends. */
  CandidateScores scores() {
    CandidateScores c = CandidateScores.take(model.products().size());
    taken.add(c);
    return c;
  }

  private String id(int item) {
    return model.products().id(item);
  }
}
