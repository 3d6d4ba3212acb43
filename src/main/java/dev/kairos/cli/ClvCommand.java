package dev.kairos.cli;

import picocli.CommandLine.Command;

/** Customer lifetime value models: {@code kairos clv fit}. */
@Command(name = "clv", description = "Fit and inspect customer lifetime value models.")
public final class ClvCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("Usage: kairos clv fit --transactions FILE --format cdnow|csv");
  }
}
