package dev.kairos.intelligence.clv;

import java.time.LocalDate;
import java.util.Objects;

/** One purchase by one customer: the day it happened and what it was worth. */
public record Transaction(String customerId, LocalDate date, double amount) {
  public Transaction {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(date, "date");
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("amount must be a finite number, was " + amount);
    }
  }
}
