package dev.kairos.intelligence.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BestSendHourProperties {
  private static final Instant NOW = Instant.parse("2024-06-30T00:00:00Z");
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("UTC"),
          ZoneId.of("Europe/London"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("America/St_Johns"),
          ZoneId.of("Pacific/Kiritimati"),
          ZoneId.of("Pacific/Pago_Pago"));

  @Provide
  Arbitrary<PersonEngagement> people() {
    Arbitrary<Engagement> engagement =
        Combinators.combine(
                Arbitraries.of(EngagementKind.class),
                Arbitraries.longs().between(-400L * 24 * 3600, 10L * 24 * 3600))
            .as((kind, offset) -> new Engagement(kind, NOW.plus(Duration.ofSeconds(offset))));
    return Combinators.combine(Arbitraries.of(ZONES), engagement.list().ofMaxSize(60))
        .as((zone, list) -> new PersonEngagement(UUID.randomUUID(), zone, list));
  }

  @Provide
  Arbitrary<List<PersonEngagement>> shops() {
    return people().list().ofMaxSize(8);
  }

  @Property
  void the_send_hour_is_between_0_and_23(
      @ForAll("people") PersonEngagement person, @ForAll("shops") List<PersonEngagement> shop) {
    SendHourSettings settings = SendHourSettings.defaults();
    BestSendHour best = new BestSendHour(settings, ShopHourDistribution.of(shop, NOW, settings));
    assertThat(best.estimate(person, NOW).hour()).isBetween(0, 23);
  }

  @Property
  void the_hour_probabilities_sum_to_one(
      @ForAll("people") PersonEngagement person, @ForAll("shops") List<PersonEngagement> shop) {
    SendHourSettings settings = SendHourSettings.defaults();
    BestSendHour best = new BestSendHour(settings, ShopHourDistribution.of(shop, NOW, settings));
    double sum = 0;
    for (double p : best.hourProbabilities(person, NOW)) {
      assertThat(p).isBetween(0.0, 1.0);
      sum += p;
    }
    assertThat(sum).isBetween(1 - 1e-9, 1 + 1e-9);
  }

  @Property
  void the_estimate_does_not_depend_on_the_order_of_the_history(
      @ForAll("people") PersonEngagement person, @ForAll long seed) {
    List<Engagement> shuffled = new ArrayList<>(person.engagements());
    Collections.shuffle(shuffled, new Random(seed));
    BestSendHour best =
        new BestSendHour(SendHourSettings.defaults(), ShopHourDistribution.uniform(10));
    PersonEngagement reordered = new PersonEngagement(person.profileId(), person.zone(), shuffled);
    assertThat(best.estimate(reordered, NOW).hour()).isEqualTo(best.estimate(person, NOW).hour());
  }
}
