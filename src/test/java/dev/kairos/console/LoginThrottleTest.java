package dev.kairos.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);

  @Test
  void an_account_is_locked_after_its_failures_until_the_oldest_leaves_the_window() {
    throttle.failed("ann", "10.0.0.1");
    clock.advance(Duration.ofMinutes(5));
    throttle.failed("ann", "10.0.0.2");
    throttle.failed("ann", "10.0.0.3");

    assertThat(throttle.wait("ann", "10.0.0.9")).contains(Duration.ofMinutes(10));
    assertThat(throttle.wait("bob", "10.0.0.9")).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.wait("ann", "10.0.0.9")).isEmpty();
  }

  @Test
  void one_address_trying_many_accounts_is_locked_for_all_of_them() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "10.0.0.1");
    }
    assertThat(throttle.wait("someone-else", "10.0.0.1")).isPresent();
    assertThat(throttle.wait("someone-else", "10.0.0.2")).isEmpty();
  }

  @Test
  void a_successful_sign_in_forgets_the_accounts_failures() {
    throttle.failed("ann", "10.0.0.1");
    throttle.failed("ann", "10.0.0.1");
    throttle.succeeded("ann");
    throttle.failed("ann", "10.0.0.1");
    assertThat(throttle.wait("ann", "10.0.0.1")).isEmpty();
  }
}
