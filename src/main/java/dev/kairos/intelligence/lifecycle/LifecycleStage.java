package dev.kairos.intelligence.lifecycle;

/**
 * Where a person stands in their relationship with the shop. See {@link LifecycleStaging} for the
 * rules and docs/rfm-and-lifecycle.md for how marketers use each stage.
 */
public enum LifecycleStage {
  /** Known only by a device or an anonymous id; no order, no email or phone, no consent. */
  VISITOR("visitor"),
  /** A lead: reachable (email, phone or consent) but has not ordered yet. */
  SUBSCRIBER("subscriber"),
  /** Exactly one order, placed recently. */
  FIRST_TIME_BUYER("first_time_buyer"),
  /** Two or more orders, the last one recent. */
  REPEAT_BUYER("repeat_buyer"),
  /** Many orders or top lifetime revenue, the last order recent. */
  VIP("vip"),
  /** No order for longer than the at-risk threshold. */
  AT_RISK("at_risk"),
  /** No order for longer than the lapsed threshold. */
  LAPSED("lapsed"),
  /** Ordered again after having been at risk or lapsed, and has not ordered since. */
  WON_BACK("won_back");

  private final String value;

  LifecycleStage(String value) {
    this.value = value;
  }

  /** The value in events and on the profile, e.g. {@code "first_time_buyer"}. */
  public String value() {
    return value;
  }

  /** True for the stages of a person who has ordered. */
  public boolean isCustomer() {
    return this != VISITOR && this != SUBSCRIBER;
  }
}
