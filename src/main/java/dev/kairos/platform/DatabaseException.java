package dev.kairos.platform;

/** A database operation failed. */
public class DatabaseException extends KairosException {
  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
