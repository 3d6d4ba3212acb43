package dev.kairos.intelligence.recommend.io;

/** A transactions file that cannot be read: names the line (1-based) and the reason. */
public final class TransactionFileException extends Exception {
  private final long line;

  public TransactionFileException(long line, String reason) {
    super(line > 0 ? "line " + line + ": " + reason : reason);
    this.line = line;
  }

  /** The 1-based line number, or 0 when the problem is not on one line. */
  public long line() {
    return line;
  }
}
