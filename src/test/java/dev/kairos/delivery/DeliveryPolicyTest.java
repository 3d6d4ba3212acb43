package dev.kairos.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final DeliveryPolicy POLICY =
      new DeliveryPolicy(
          Optional.of(QuietHours.parse("21:00-08:00")), new FrequencyCaps(1, 2, 0, 5));
  static final FrequencyCaps.SentCounts NONE = new FrequencyCaps.SentCounts(0, 0, 0, 0);

  static DeliveryPolicy.Facts facts(
      boolean suppressed, int priority, FrequencyCaps.SentCounts sent) {
    return new DeliveryPolicy.Facts(suppressed, NEW_YORK, "email", "promotions", priority, sent);
  }

  @Test
  void a_suppressed_person_is_never_sent_to_not_even_transactional() {
    assertThat(
            POLICY.decide(
                facts(true, DeliveryPolicy.TRANSACTIONAL, NONE),
                Instant.parse("2026-03-02T15:00:00Z")))
        .isEqualTo(new Decision.Suppress("the profile is suppressed"));
  }

  @Test
  void three_am_local_is_deferred_to_the_end_of_quiet_hours_in_the_persons_zone() {
    // 08:00 UTC is 03:00 in New York (EST)
    Decision d = POLICY.decide(facts(false, 1, NONE), Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(d).isInstanceOf(Decision.Defer.class);
    assertThat(((Decision.Defer) d).until()).isEqualTo(Instant.parse("2026-03-02T13:00:00Z"));
  }

  @Test
  void quiet_hours_end_at_eight_local_across_the_spring_dst_change() {
    // 2026-03-08 is the US change: 22:00 EST on the 7th; the window ends 08:00 EDT = 12:00 UTC
    Decision d = POLICY.decide(facts(false, 1, NONE), Instant.parse("2026-03-08T03:00:00Z"));
    assertThat(((Decision.Defer) d).until()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
  }

  @Test
  void caps_per_channel_per_day_and_per_week_suppress_with_the_rule_named() {
    Instant noon = Instant.parse("2026-03-02T17:00:00Z");
    Decision d = POLICY.decide(facts(false, 1, new FrequencyCaps.SentCounts(1, 1, 1, 1)), noon);
    assertThat(d).isEqualTo(new Decision.Suppress("frequency cap reached: email per day (1)"));
    d = POLICY.decide(facts(false, 1, new FrequencyCaps.SentCounts(0, 0, 4, 5)), noon);
    assertThat(d)
        .isEqualTo(new Decision.Suppress("frequency cap reached: all channels per 7 days (5)"));
    assertThat(POLICY.decide(facts(false, 1, NONE), noon)).isEqualTo(new Decision.Send());
  }

  @Test
  void transactional_messages_pass_quiet_hours_and_caps() {
    Decision d =
        POLICY.decide(
            facts(false, DeliveryPolicy.TRANSACTIONAL, new FrequencyCaps.SentCounts(9, 9, 9, 9)),
            Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(d).isEqualTo(new Decision.Send());
  }
}
