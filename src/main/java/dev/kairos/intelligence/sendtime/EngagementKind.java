package dev.kairos.intelligence.sendtime;

/** The signals a best send hour is learnt from. */
public enum EngagementKind {
  /** An email, push or message opened ({@code Email Opened}, {@code Push Opened} …). */
  OPEN,
  /** A link clicked ({@code Email Link Clicked} …). */
  CLICK,
  /** An order placed ({@code Order Completed}). */
  ORDER
}
