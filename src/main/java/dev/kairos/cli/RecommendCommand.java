package dev.kairos.cli;

import picocli.CommandLine.Command;

/** Product recommendations: {@code kairos recommend evaluate}. */
@Command(name = "recommend", description = "Build and evaluate product recommendations.")
public final class RecommendCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("Usage: kairos recommend evaluate --transactions FILE");
  }
}
