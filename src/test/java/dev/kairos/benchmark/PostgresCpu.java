package dev.kairos.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds used so far by the embedded PostgreSQL, by kind of process (client backends,
 * autovacuum, WAL writer, checkpointer, ...), read from {@code /proc}. Processes that have exited
 * (autovacuum workers come and go) count through the postmaster's reaped-children time, so the sum
 * is the whole server's CPU.
 */
final class PostgresCpu {
  static final String EXITED = "exited processes (e.g. autovacuum workers)";

  private PostgresCpu() {}

  static Map<String, Double> sample(List<ProcessHandle> processes) throws IOException {
    Map<String, Double> byKind = new TreeMap<>();
    for (int i = 0; i < processes.size(); i++) {
      long pid = processes.get(i).pid();
      ProcStat stat = ProcStat.read(Path.of("/proc", Long.toString(pid), "stat"));
      if (stat == null) {
        continue; // exited since it was listed
      }
      byKind.merge(kind(pid, i == 0), stat.cpuSeconds(), Double::sum);
      if (i == 0) { // the postmaster: the time of its children that have exited
        byKind.merge(EXITED, stat.reapedChildrenCpuSeconds(), Double::sum);
      }
    }
    return byKind;
  }

  /** The CPU seconds by kind between two samples, largest first. */
  static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> used = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> used.put(e.getKey(), e.getValue()));
    return used;
  }

  private static String kind(long pid, boolean postmaster) throws IOException {
    if (postmaster) {
      return "postmaster";
    }
    String title;
    try {
      title = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
    } catch (java.nio.file.NoSuchFileException e) {
      return "other";
    }
    title = title.trim();
    if (!title.startsWith("postgres: ")) {
      return "other";
    }
    String what = title.substring("postgres: ".length());
    if (what.matches("\\S+ \\S+ \\S+\\(\\d+\\).*")) { // "user database host(port) state"
      return "client backends";
    }
    if (what.startsWith("autovacuum worker") || what.startsWith("autovacuum:")) {
      return "autovacuum workers";
    }
    return what.replaceAll("\\s*\\d+$", ""); // "walwriter", "checkpointer", "io worker 2", ...
  }
}
