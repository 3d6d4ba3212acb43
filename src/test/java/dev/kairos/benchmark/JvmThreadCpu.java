package dev.kairos.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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
  private JvmThreadCpu() {}

  static Map<String, Double> sample(long pid) throws IOException {
    Map<String, Double> byKind = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        ProcStat stat = ProcStat.read(thread.resolve("stat"));
        if (stat != null) { // else exited since it was listed
          byKind.merge(kind(stat.name()), stat.cpuSeconds(), Double::sum);
        }
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
