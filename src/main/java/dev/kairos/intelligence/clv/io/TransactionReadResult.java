package dev.kairos.intelligence.clv.io;

import dev.kairos.intelligence.clv.Transaction;
import java.util.List;

/** The outcome of reading a transaction file: its transactions, or the first bad line. */
public sealed interface TransactionReadResult
    permits TransactionReadResult.Read, TransactionReadResult.Rejected {

  /** Every line was read. */
  record Read(List<Transaction> transactions) implements TransactionReadResult {}

  /** Line {@code line} (1-based) could not be read, for {@code reason}. */
  record Rejected(int line, String reason) implements TransactionReadResult {
    public String message() {
      return "line " + line + ": " + reason;
    }
  }
}
