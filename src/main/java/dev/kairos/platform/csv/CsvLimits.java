package dev.kairos.platform.csv;

/**
 * How long a field and a row (with its quoted line breaks) may be. Longer ones are reported as
 * malformed rows, so one missing quote cannot make the reader hold a whole file in memory.
 */
public record CsvLimits(int maxFieldChars, int maxRowChars) {
  /** 32 K characters per field (a tracking call holds at most 32 KB), 1 M characters per row. */
  public static final CsvLimits DEFAULT = new CsvLimits(32 * 1024, 1024 * 1024);

  public CsvLimits {
    if (maxFieldChars < 1 || maxRowChars < maxFieldChars) {
      throw new IllegalArgumentException("need 0 < maxFieldChars <= maxRowChars");
    }
  }
}
