package dev.kairos.console.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Writes the console's cookies: always HttpOnly with a SameSite policy, and Secure when the request
 * came over https (directly or through a proxy saying so) or when {@code
 * KAIROS_CONSOLE_SECURE_COOKIES=true}; {@code false} never marks them Secure (plain-http setups).
 */
public final class CookieSecurity {
  /** The setting's values: {@code auto} (default), {@code true}, {@code false}. */
  public enum Mode {
    AUTO,
    ALWAYS,
    NEVER;

    public static Mode parse(String value) {
      if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
        return AUTO;
      }
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> ALWAYS;
        case "false" -> NEVER;
        default ->
            throw new IllegalArgumentException(
                "KAIROS_CONSOLE_SECURE_COOKIES must be auto, true or false: " + value);
      };
    }
  }

  private final Mode mode;

  public CookieSecurity(Mode mode) {
    this.mode = mode;
  }

  void set(
      Context ctx, String name, String value, String path, long maxAgeSeconds, String sameSite) {
    StringBuilder cookie =
        new StringBuilder(name)
            .append('=')
            .append(value)
            .append("; Path=")
            .append(path)
            .append("; Max-Age=")
            .append(maxAgeSeconds)
            .append("; HttpOnly; SameSite=")
            .append(sameSite);
    if (secure(ctx)) {
      cookie.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", cookie.toString());
  }

  private boolean secure(Context ctx) {
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          "https".equalsIgnoreCase(ctx.scheme())
              || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    };
  }
}
