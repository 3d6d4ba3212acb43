package dev.kairos.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A {@code /proc/.../stat} file of a process or thread, read once. */
final class ProcStat {
  /** Linux reports process times in USER_HZ, 100 per second on every mainstream architecture. */
  private static final double TICKS_PER_SECOND = 100.0;

  /** The fields numbered as in proc(5): [1] the command name, [2] the state, ... */
  private final String[] fields;

  private ProcStat(String[] fields) {
    this.fields = fields;
  }

  /** The file's fields, or null when the process or thread has exited since it was listed. */
  static ProcStat read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    int close = text.lastIndexOf(')');
    String[] rest = text.substring(close + 2).trim().split("\\s+");
    String[] fields = new String[rest.length + 2];
    fields[1] = text.substring(text.indexOf('(') + 1, close);
    System.arraycopy(rest, 0, fields, 2, rest.length);
    return new ProcStat(fields);
  }

  String name() {
    return fields[1];
  }

  /** CPU seconds of its own (user + system). */
  double cpuSeconds() {
    return seconds(13, 14);
  }

  /** CPU seconds of its children that have exited and been waited for. */
  double reapedChildrenCpuSeconds() {
    return seconds(15, 16);
  }

  private double seconds(int user, int system) {
    return (Long.parseLong(fields[user]) + Long.parseLong(fields[system])) / TICKS_PER_SECOND;
  }
}
