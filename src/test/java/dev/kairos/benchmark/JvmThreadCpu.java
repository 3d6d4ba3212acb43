package dev.kairos.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds used so far by the threads of a JVM, by kind of thread (request threads, the event
 * processor, the group-commit writer, GC, JIT compilers, ...), read from {@code
 * /proc/PID/task/TID/stat}. Threads that have exited are not counted, which is fine for the
 * long-lived ones this is for; the difference to the process total is reported as such.
 */
final class JvmThreadCpu {
  private static final double TICKS_PER_SECOND = 100.0;

  private JvmThreadCpu() {}

  static Map<String, Double> sample(long pid) throws IOException {
    Map<String, Double> byKind = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        String text;
        try {
          text = Files.readString(thread.resolve("stat"));
        } catch (NoSuchFileException e) {
          continue; // exited since it was listed
        }
        String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
        String[] rest = text.substring(text.lastIndexOf(')') + 2).trim().split("\\s+");
        // rest[0] is field 3 (state); utime and stime are fields 14 and 15
        double seconds = (Long.parseLong(rest[11]) + Long.parseLong(rest[12])) / TICKS_PER_SECOND;
        byKind.merge(kind(name), seconds, Double::sum);
      }
    }
    return byKind;
  }

  /** A thread's name (as the kernel keeps it, at most 15 characters) without its number. */
  static String kind(String name) {
    if (name.startsWith("JettyServerThre") || name.startsWith("qtp")) {
      return "HTTP request threads";
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
      return "GC";
    }
    if (name.startsWith("C2 Compiler") || name.startsWith("C1 Compiler")) {
      return "JIT compilers";
    }
    return name.replaceAll("[#\\-]?\\d+$", "");
  }
}
