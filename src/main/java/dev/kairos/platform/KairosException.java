package dev.kairos.platform;

/** The one root of Kairos infrastructure faults (database, files, configuration). */
public class KairosException extends RuntimeException {
  public KairosException(String message) {
    super(message);
  }

  public KairosException(String message, Throwable cause) {
    super(message, cause);
  }
}
