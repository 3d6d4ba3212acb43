package dev.kairos.cli;

import dev.kairos.app.KairosServer;
import dev.kairos.platform.KairosConfig;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code kairos serve}: start the server and run until stopped (SIGTERM or Ctrl-C). */
@Command(mixinStandardHelpOptions = true, name = "serve", description = "Start the Kairos server.")
public final class ServeCommand implements Runnable {
  @Override
  public void run() {
    KairosServer server = KairosServer.start(KairosConfig.fromEnvironment(), Clock.systemUTC());
    runUntilStopped(server::close);
  }

  /** Blocks until SIGTERM or Ctrl-C, then runs {@code stop}. */
  static void runUntilStopped(Runnable stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  stopped.countDown();
                },
                "kairos-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
