package dev.kairos.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The rules applied to every message at send time, in this order: suppression (a suppressed person
 * never receives anything), quiet hours in the person's time zone (deferred to the end of the
 * window), frequency caps. Transactional messages are exempt from quiet hours and caps. Priority
 * decides who goes first when caps collide: the dispatcher takes due messages highest priority
 * first, so a lower-priority message is the one capped.
 */
public record DeliveryPolicy(Optional<QuietHours> quietHours, FrequencyCaps caps) {
  public static final int TRANSACTIONAL = 3;

  /** What is known about the person and the message when it is due. */
  public record Facts(
      boolean suppressed,
      ZoneId zone,
      String channel,
      String topic,
      int priority,
      FrequencyCaps.SentCounts sent) {}

  public Decision decide(Facts facts, Instant now) {
    if (facts.suppressed()) {
      return new Decision.Suppress("the profile is suppressed");
    }
    boolean transactional =
        facts.priority() >= TRANSACTIONAL || facts.topic().equals("transactional");
    if (transactional) {
      return new Decision.Send();
    }
    if (quietHours.isPresent()) {
      Optional<Instant> end = quietHours.get().endIfInside(now, facts.zone());
      if (end.isPresent()) {
        return new Decision.Defer(
            end.get(),
            "quiet hours "
                + quietHours.get().start()
                + "-"
                + quietHours.get().end()
                + " in "
                + facts.zone());
      }
    }
    Optional<String> cap = caps.exceeded(facts.sent(), facts.channel());
    if (cap.isPresent()) {
      return new Decision.Suppress("frequency cap reached: " + cap.get());
    }
    return new Decision.Send();
  }
}
