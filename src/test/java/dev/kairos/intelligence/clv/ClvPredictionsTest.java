package dev.kairos.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The profile-level API gives the same answers as the CDNOW fit it wraps. */
class ClvPredictionsTest {
  private static final Instant NOW = Instant.parse("1997-09-30T18:00:00Z");

  private static List<ProfileOrderHistory> cdnowAsProfiles(Map<UUID, String> customerOf) {
    Map<String, List<ProfileOrderHistory.Order>> orders = new HashMap<>();
    for (Transaction t : CdnowData.sampleTransactions()) {
      orders
          .computeIfAbsent(t.customerId(), id -> new ArrayList<>())
          .add(
              new ProfileOrderHistory.Order(
                  t.date().atTime(12, 0).toInstant(ZoneOffset.UTC), t.amount()));
    }
    List<ProfileOrderHistory> histories = new ArrayList<>();
    orders.forEach(
        (customer, list) -> {
          UUID profile = UUID.nameUUIDFromBytes(customer.getBytes());
          customerOf.put(profile, customer);
          histories.add(new ProfileOrderHistory(profile, list));
        });
    histories.add(new ProfileOrderHistory(UUID.randomUUID(), List.of()));
    return histories;
  }

  @Test
  void predictions_for_cdnow_profiles_match_the_calibration_fit() {
    Map<UUID, String> customerOf = new HashMap<>();
    List<ProfileOrderHistory> histories = cdnowAsProfiles(customerOf);

    FitResult<ProfileValuePredictions> result = new ClvPredictions().predict(histories, NOW);

    assertThat(result).isInstanceOf(FitResult.Fitted.class);
    ProfileValuePredictions predictions =
        ((FitResult.Fitted<ProfileValuePredictions>) result).model();
    assertThat(predictions.asOf()).isEqualTo(LocalDate.of(1997, 9, 30));
    assertThat(predictions.byProfile()).hasSize(2357); // the profile without orders gets none
    assertThat(predictions.model().purchases().parameters().get("r"))
        .isCloseTo(0.243, within(5e-4));
    UUID first = UUID.nameUUIDFromBytes("00004".getBytes());
    ProfileValuePrediction p = predictions.byProfile().get(first);
    BgNbdModel reference = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), 0);
    assertThat(p.probabilityAlive())
        .isCloseTo(reference.probabilityAlive(2, 30.43, 38.86), within(0.002));
    assertThat(p.churnRisk()).isCloseTo(1 - p.probabilityAlive(), within(1e-12));
    assertThat(p.historicValue()).isCloseTo(29.33 + 29.73 + 14.96, within(1e-9));
    assertThat(p.predictedValue()).isPositive();
  }

  @Test
  void orders_after_now_are_ignored_and_days_follow_the_time_zone() {
    UUID profile = UUID.randomUUID();
    List<ProfileOrderHistory> histories = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      histories.add(
          new ProfileOrderHistory(
              UUID.randomUUID(),
              List.of(new ProfileOrderHistory.Order(Instant.parse("2024-01-01T10:00:00Z"), 10))));
    }
    histories.add(
        new ProfileOrderHistory(
            profile,
            List.of(
                new ProfileOrderHistory.Order(Instant.parse("2024-01-01T10:00:00Z"), 10),
                new ProfileOrderHistory.Order(Instant.parse("2024-07-01T10:00:00Z"), 10))));

    FitResult<ProfileValuePredictions> result =
        new ClvPredictions(ClvSettings.DEFAULT.withZone(ZoneId.of("Asia/Tokyo")))
            .predict(histories, Instant.parse("2024-06-30T20:00:00Z"));

    // in Tokyo "now" is already 1 July, but the July order (19:00 Tokyo) is after now: ignored;
    // nobody has a repeat purchase, so there is nothing to fit
    assertThat(result)
        .isEqualTo(
            new FitResult.NotEnoughData<>(
                "0 repeat buyers in the calibration period; at least 20 are needed"));
  }
}
