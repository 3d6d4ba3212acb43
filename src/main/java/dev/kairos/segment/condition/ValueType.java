package dev.kairos.segment.condition;

import java.util.Locale;
import java.util.Optional;

/** The type a comparison reads its value as. */
public enum ValueType {
  STRING,
  NUMBER,
  BOOLEAN,
  DATE;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ValueType> of(String key) {
    for (ValueType type : values()) {
      if (type.key().equals(key)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
