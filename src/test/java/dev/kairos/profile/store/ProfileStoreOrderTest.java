package dev.kairos.profile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.profile.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Profiles are written in PostgreSQL's uuid order (unsigned bytes), the order batch jobs lock. */
class ProfileStoreOrderTest {

  @Test
  void profiles_are_ordered_as_postgresql_orders_uuids() {
    List<String> ascending =
        List.of(
            "00000000-0000-7000-8000-000000000000",
            "00000000-0000-7000-8000-000000000001",
            "00000000-0000-7000-ffff-ffffffffffff",
            "7fffffff-ffff-7fff-8000-000000000000",
            "80000000-0000-7000-8000-000000000000",
            "ffffffff-ffff-7fff-8000-000000000000");
    List<Profile> profiles = new ArrayList<>();
    for (int i = ascending.size() - 1; i >= 0; i--) {
      profiles.add(new Profile(UUID.fromString(ascending.get(i)), Instant.EPOCH));
    }
    profiles.sort(ProfileStore.IN_ID_ORDER);
    assertThat(profiles).extracting(p -> p.id().toString()).containsExactlyElementsOf(ascending);
  }
}
