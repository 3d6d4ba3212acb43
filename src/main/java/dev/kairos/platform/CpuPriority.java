package dev.kairos.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority (the Linux nice value) of work nobody waits on, so that when the cores
 * are busy the work callers wait on goes first. Appending events is one chain (the group-commit
 * thread and one PostgreSQL backend, one transaction after another, holding the appenders' lock):
 * every tracking call waits for it, and at saturation it spent about as long waiting for a core as
 * using one. Applying the log to profiles may lag behind it, within a bound past which appending
 * waits, so it runs at {@link #BACKGROUND_NICE} (docs/decisions/0012). The HTTP request threads
 * stay at normal priority: niced, they answered later whenever PostgreSQL's own background
 * processes (autovacuum) ran.
 *
 * <p>Lowering needs no privilege (raising would), so it is done with {@code renice}, on this
 * process's threads and on the embedded PostgreSQL's backends, which run as the same user. Where
 * that fails (no {@code renice}, not Linux), the work runs at normal priority and a warning says
 * so, once.
 */
public final class CpuPriority {
  /** The nice value of background work: about a tenth of a normal thread's share of a busy core. */
  public static final int BACKGROUND_NICE = 10;

  private static final Logger LOG = LoggerFactory.getLogger(CpuPriority.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private CpuPriority() {}

  /** Lowers the calling thread's priority to {@code nice}; returns whether it did. */
  public static boolean lowerCurrentThread(int nice) {
    OptionalLong thread = currentThreadId();
    if (thread.isEmpty()) {
      warnOnce("the thread's id is not known here (no /proc/thread-self)");
      return false;
    }
    return lower(thread.getAsLong(), nice);
  }

  /**
   * Lowers a process's or thread's priority to {@code nice} (e.g. a PostgreSQL backend of the
   * embedded database, by its pid); returns whether it did.
   */
  public static boolean lower(long pid, int nice) {
    ProcessBuilder renice =
        new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", Long.toString(pid))
            .redirectErrorStream(true);
    try {
      Process process = renice.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        warnOnce("renice did not finish within 10 s");
        return false;
      }
      if (process.exitValue() != 0) {
        warnOnce("renice of " + pid + " failed: " + output.strip());
        return false;
      }
      return true;
    } catch (IOException e) {
      warnOnce("cannot run renice: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The nice value of a process or thread, from {@code /proc}; empty where it cannot be read. */
  public static OptionalInt niceOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // pid (comm) state ppid ...: nice is the 19th field, the 17th after the comm, which may
      // itself hold spaces and parentheses
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalInt.of(Integer.parseInt(fields[16]));
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  /** The calling thread's id as the kernel knows it (Linux: {@code /proc/thread-self}). */
  public static OptionalLong currentThreadId() {
    try {
      Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      return OptionalLong.of(Long.parseLong(link.getFileName().toString()));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static void warnOnce(String why) {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn(
          "cannot lower the CPU priority of background work ({}); it runs at normal priority,"
              + " and ingest at saturation may be slower",
          why);
    }
  }
}
