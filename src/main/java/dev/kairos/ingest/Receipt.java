package dev.kairos.ingest;

/** What the event log did with a group of accepted events: stored, or already known. */
public record Receipt(int stored, int duplicates) {
  public static final Receipt NONE = new Receipt(0, 0);

  public Receipt plus(Receipt other) {
    return new Receipt(stored + other.stored, duplicates + other.duplicates);
  }
}
