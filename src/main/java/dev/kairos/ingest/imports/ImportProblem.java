package dev.kairos.ingest.imports;

/**
 * An import that cannot start as asked (a missing file, an unknown column in the mapping, an
 * unknown time zone, a refused write key): nothing is imported. {@code field} names the option at
 * fault.
 */
public final class ImportProblem extends RuntimeException {
  private final String field;

  public ImportProblem(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
