package dev.kairos.commerce;

import java.util.Locale;

public enum OrderStatus {
  COMPLETED,
  PARTIALLY_REFUNDED,
  REFUNDED,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
