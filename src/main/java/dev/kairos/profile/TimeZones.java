package dev.kairos.profile;

import java.time.DateTimeException;
import java.time.ZoneId;

/** IANA time zone names, as clients send them in traits or context ({@code Europe/London}). */
final class TimeZones {
  private TimeZones() {}

  static boolean isValid(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }
}
