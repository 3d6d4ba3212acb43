package dev.kairos.cli;

import picocli.CommandLine.Command;

/** Bulk import of customers and orders from CSV: {@code kairos import customers|orders FILE}. */
@Command(name = "import", description = "Bulk-load customers or orders from CSV.")
public final class ImportCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("Usage: kairos import customers|orders FILE.csv");
  }
}
