package dev.kairos.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes a benchmark's figures into its own section of {@code docs/benchmarks.md}, between the
 * markers {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->}, with the machine and date.
 */
public final class BenchmarkReport {
  private BenchmarkReport() {}

  public static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse(cpu);
    } catch (IOException ignored) {
      // not Linux
    }
    long memGiB = Runtime.getRuntime().maxMemory() >> 30;
    return String.format(
        "%d cores (%s), JVM max heap %d GiB, Java %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memGiB,
        System.getProperty("java.version"));
  }

  /** Replaces (or appends) the section {@code name} with a title and markdown body. */
  public static void write(String name, String title, String markdownBody) {
    Path file = Path.of("docs", "benchmarks.md");
    String begin = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    String section =
        begin
            + "\n## "
            + title
            + "\n\nMeasured "
            + LocalDate.now()
            + " on "
            + machine()
            + ".\n\n"
            + markdownBody.strip()
            + "\n"
            + end;
    try {
      String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
      int from = text.indexOf(begin);
      int to = text.indexOf(end);
      String updated =
          from >= 0 && to > from
              ? text.substring(0, from) + section + text.substring(to + end.length())
              : text.stripTrailing() + "\n\n" + section + "\n";
      Files.createDirectories(file.getParent());
      Files.writeString(file, updated);
      System.out.println("wrote section '" + name + "' of " + file.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }
}
