package dev.kairos.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The reference data sets in {@code ../shared/data}, beside the project root. */
public final class SharedData {
  private SharedData() {}

  /** The path of a shared data file; the calling test is skipped, saying so, when it is absent. */
  public static Path require(String fileName) {
    Path path = Path.of("..", "shared", "data", fileName).toAbsolutePath().normalize();
    Assumptions.assumeTrue(
        Files.isReadable(path), "skipped: reference data " + path + " is not present");
    return path;
  }
}
