package dev.kairos.platform;

/** The operator's configuration cannot be used as given. */
public class ConfigurationException extends KairosException {
  public ConfigurationException(String message) {
    super(message);
  }
}
