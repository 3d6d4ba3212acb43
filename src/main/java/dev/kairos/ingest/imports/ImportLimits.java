package dev.kairos.ingest.imports;

import dev.kairos.platform.ConfigurationException;
import java.util.Map;

/**
 * How large a CSV posted to the management API may be: the body as sent ({@code
 * KAIROS_IMPORT_MAX_BODY_MB}, 100 by default) and once decompressed ({@code
 * KAIROS_IMPORT_MAX_DECOMPRESSED_MB}, 1024 by default). Files imported from the command line are
 * the operator's own and have no limit. Fields and rows are limited by the CSV reader itself.
 */
public record ImportLimits(long maxBodyBytes, long maxDecompressedBytes) {
  private static final long MB = 1024L * 1024;

  public static ImportLimits from(Map<String, String> environment) {
    return new ImportLimits(
        megabytes(environment, "KAIROS_IMPORT_MAX_BODY_MB", 100),
        megabytes(environment, "KAIROS_IMPORT_MAX_DECOMPRESSED_MB", 1024));
  }

  private static long megabytes(Map<String, String> environment, String name, long fallback) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return fallback * MB;
    }
    try {
      long megabytes = Long.parseLong(value.trim());
      if (megabytes < 1 || megabytes > 1024 * 1024) {
        throw new ConfigurationException(name + " must be between 1 and 1048576 (MB): " + value);
      }
      return megabytes * MB;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " is not a number of megabytes: " + value);
    }
  }
}
