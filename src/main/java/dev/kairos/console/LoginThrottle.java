package dev.kairos.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins: at most {@code perAccount} failures for one email and {@code perAddress}
 * for one client address within {@code window}; past that, sign-ins for that email or from that
 * address are refused until the oldest failure leaves the window. Kept per node, in memory.
 */
public final class LoginThrottle {
  private final int perAccount;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int perAccount, int perAddress, Duration window, Clock clock) {
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
  }

  public static LoginThrottle standard(Clock clock) {
    return new LoginThrottle(5, 20, Duration.ofMinutes(15), clock);
  }

  /** How long until a sign-in for this email from this address is allowed, when it is not now. */
  public Optional<Duration> wait(String email, String address) {
    Instant now = clock.instant();
    Optional<Duration> account = waitFor("account:" + email, perAccount, now);
    Optional<Duration> client = waitFor("address:" + address, perAddress, now);
    if (account.isPresent() && client.isPresent()) {
      return Optional.of(account.get().compareTo(client.get()) > 0 ? account.get() : client.get());
    }
    return account.isPresent() ? account : client;
  }

  public void failed(String email, String address) {
    Instant now = clock.instant();
    record("account:" + email, now);
    record("address:" + address, now);
  }

  /** A successful sign-in forgets the account's failures (not the address's). */
  public void succeeded(String email) {
    failures.remove("account:" + email);
  }

  private void record(String key, Instant now) {
    failures.compute(
        key,
        (k, times) -> {
          Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
          prune(kept, now);
          kept.addLast(now);
          return kept;
        });
  }

  private Optional<Duration> waitFor(String key, int limit, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      prune(times, now);
      if (times.size() < limit) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
        times.removeFirst();
      }
    }
  }
}
