package dev.kairos.console;

import dev.kairos.console.store.SessionStore;
import dev.kairos.console.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creating console users and signing them in and out. */
public final class Accounts {
  /** How long a session lasts from sign-in. */
  public static final Duration SESSION_LENGTH = Duration.ofHours(12);

  public static final int MIN_PASSWORD_LENGTH = 12;
  private static final int MAX_PASSWORD_LENGTH = 1024;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,200}@[^@\\s]{1,200}");

  private final UserStore users;
  private final SessionStore sessions;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Clock clock;

  /**
   * A hash verified when the email is unknown, so an unknown email takes as long as a known one.
   */
  private final String decoy;

  public Accounts(
      UserStore users,
      SessionStore sessions,
      PasswordHasher hasher,
      LoginThrottle throttle,
      Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.throttle = throttle;
    this.clock = clock;
    this.decoy = hasher.hash(Secrets.random());
  }

  /** The outcome of creating a user. */
  public sealed interface Creation {
    record Created(ConsoleUser user) implements Creation {}

    /** The input named by {@code field} is not acceptable; nothing was stored. */
    record Rejected(String field, String message) implements Creation {}

    /** A user with this email exists already. */
    record Taken(String email) implements Creation {}
  }

  public Creation create(String email, String roleKey, String password) {
    if (email == null || !EMAIL.matcher(email.trim()).matches()) {
      return new Creation.Rejected("email", "email must be an address such as ann@example.com");
    }
    Optional<Role> role = Role.parse(roleKey);
    if (role.isEmpty()) {
      return new Creation.Rejected("role", "role must be admin, marketer or analyst");
    }
    Optional<Creation.Rejected> weak = checkPassword(password);
    if (weak.isPresent()) {
      return weak.get();
    }
    ConsoleUser user =
        new ConsoleUser(UUID.randomUUID(), email.trim(), role.get(), clock.instant(), false);
    if (!users.insert(user, hasher.hash(password))) {
      return new Creation.Taken(email.trim());
    }
    return new Creation.Created(user);
  }

  private static Optional<Creation.Rejected> checkPassword(String password) {
    if (password == null
        || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH
        || password.length() > MAX_PASSWORD_LENGTH) {
      return Optional.of(
          new Creation.Rejected(
              "password",
              "password must be "
                  + MIN_PASSWORD_LENGTH
                  + " to "
                  + MAX_PASSWORD_LENGTH
                  + " characters"));
    }
    return Optional.empty();
  }

  /** The outcome of a sign-in. */
  public sealed interface SignIn {
    /** Signed in: {@code sessionId} goes in the cookie, {@code csrfToken} in every form. */
    record SignedIn(ConsoleUser user, String sessionId, String csrfToken) implements SignIn {}

    /** Wrong email or password, or a disabled user (the caller is not told which). */
    record Refused() implements SignIn {}

    /**
     * Too many failures for this email or from this address: try again after {@code retryAfter}.
     */
    record Throttled(Duration retryAfter) implements SignIn {}
  }

  public SignIn signIn(String email, String password, String address) {
    String key = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
    Optional<Duration> wait = throttle.wait(key, address);
    if (wait.isPresent()) {
      return new SignIn.Throttled(wait.get());
    }
    Optional<UserStore.Credentials> found =
        key.isEmpty() ? Optional.empty() : users.credentials(key);
    String candidate = password == null ? "" : password;
    boolean matches;
    if (found.isPresent()) {
      matches = hasher.verify(candidate, found.get().passwordHash());
    } else {
      hasher.verify(candidate, decoy); // as long as a known email takes
      matches = false;
    }
    if (!matches || found.get().user().disabled()) {
      throttle.failed(key, address);
      return new SignIn.Refused();
    }
    throttle.succeeded(key);
    ConsoleUser user = found.get().user();
    if (hasher.outdated(found.get().passwordHash())) {
      users.changePassword(user.id(), hasher.hash(candidate));
    }
    String sessionId = Secrets.random();
    String csrf = Secrets.random();
    Instant now = clock.instant();
    sessions.insert(sessionId, user.id(), csrf, now, now.plus(SESSION_LENGTH));
    return new SignIn.SignedIn(user, sessionId, csrf);
  }

  public Optional<SessionStore.Session> session(String sessionId) {
    if (sessionId == null || sessionId.isBlank()) {
      return Optional.empty();
    }
    return sessions.find(sessionId, clock.instant());
  }

  public void signOut(String sessionId) {
    if (sessionId != null) {
      sessions.delete(sessionId);
    }
  }

  public java.util.List<ConsoleUser> users() {
    return users.all();
  }

  /** Disables a user and ends its sessions; an admin cannot disable themself. */
  public boolean disable(UUID id, ConsoleUser by) {
    if (id.equals(by.id())) {
      return false;
    }
    return users.setDisabled(id, clock.instant());
  }

  public boolean enable(UUID id) {
    return users.setDisabled(id, null);
  }

  public boolean anyUser() {
    return users.count() > 0;
  }
}
