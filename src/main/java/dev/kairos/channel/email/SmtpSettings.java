package dev.kairos.channel.email;

import dev.kairos.platform.ConfigurationException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where email goes: {@code KAIROS_SMTP_HOST}, {@code KAIROS_SMTP_PORT} (default 587 for STARTTLS,
 * 465 for TLS, 25 otherwise), {@code KAIROS_SMTP_USERNAME}, {@code KAIROS_SMTP_PASSWORD}, {@code
 * KAIROS_SMTP_SECURITY} ({@code none} | {@code starttls} | {@code tls}; default {@code starttls}),
 * {@code KAIROS_EMAIL_FROM}, {@code KAIROS_SMTP_CONNECTIONS} (connections kept open, default 4) and
 * {@code KAIROS_SMTP_RATE} (the most messages per second handed to this server, 0 = no limit).
 * Without a host, email stays in the sandbox. The password never appears in {@link #toString()}.
 */
public record SmtpSettings(
    String host,
    int port,
    Optional<String> username,
    Optional<String> password,
    Security security,
    InternetAddress from,
    int connections,
    double ratePerSecond) {

  /** How the connection is protected. */
  public enum Security {
    NONE,
    STARTTLS,
    TLS
  }

  /** The settings in this environment, or empty when no SMTP host is set (the sandbox). */
  public static Optional<SmtpSettings> from(Map<String, String> env) {
    String host = value(env, "KAIROS_SMTP_HOST");
    if (host == null) {
      return Optional.empty();
    }
    Security security = security(value(env, "KAIROS_SMTP_SECURITY"));
    int defaultPort =
        switch (security) {
          case STARTTLS -> 587;
          case TLS -> 465;
          case NONE -> 25;
        };
    int port = number(env, "KAIROS_SMTP_PORT", defaultPort, 1, 65_535);
    String from = value(env, "KAIROS_EMAIL_FROM");
    if (from == null) {
      throw new ConfigurationException(
          "KAIROS_EMAIL_FROM is required with KAIROS_SMTP_HOST (e.g. \"Shop <news@shop.example>\")");
    }
    InternetAddress sender;
    try {
      sender = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new ConfigurationException("KAIROS_EMAIL_FROM is not an email address: " + from);
    }
    double rate;
    String rateText = value(env, "KAIROS_SMTP_RATE");
    try {
      rate = rateText == null ? 0 : Double.parseDouble(rateText);
    } catch (NumberFormatException e) {
      rate = -1;
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new ConfigurationException(
          "KAIROS_SMTP_RATE is messages per second (0 = no limit): " + rateText);
    }
    return Optional.of(
        new SmtpSettings(
            host,
            port,
            Optional.ofNullable(value(env, "KAIROS_SMTP_USERNAME")),
            Optional.ofNullable(env.get("KAIROS_SMTP_PASSWORD")).filter(p -> !p.isEmpty()),
            security,
            sender,
            number(env, "KAIROS_SMTP_CONNECTIONS", 4, 1, 64),
            rate));
  }

  /** The domain of the sender's address (the right-hand side of Message-IDs). */
  public String fromDomain() {
    String address = from.getAddress();
    return address.substring(address.indexOf('@') + 1);
  }

  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", username="
        + username.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "(set)" : "(none)")
        + ", security="
        + security
        + ", from="
        + from
        + ", connections="
        + connections
        + ", ratePerSecond="
        + ratePerSecond
        + "]";
  }

  private static Security security(String text) {
    if (text == null) {
      return Security.STARTTLS;
    }
    try {
      return Security.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "KAIROS_SMTP_SECURITY is none, starttls or tls, not " + text);
    }
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String text = value(env, name);
    if (text == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(name + " is a whole number from " + min + " to " + max);
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
