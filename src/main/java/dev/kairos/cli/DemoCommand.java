package dev.kairos.cli;

import dev.kairos.app.KairosServer;
import dev.kairos.app.demo.DemoBackfill;
import dev.kairos.app.demo.SimulatedShop;
import dev.kairos.platform.KairosConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kairos demo}: the server with a simulated shop sending it events, so a newcomer sees
 * profiles forming (anonymous browsing merged at sign-up, carts, orders) within a minute.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "demo",
    description =
        "Start Kairos with a simulated shop (data in KAIROS_HOME/demo, apart from real data).")
public final class DemoCommand implements Runnable {
  /** The demo's console login: for the demo's own data on this machine, never for real data. */
  static final String DEMO_EMAIL = "demo@kairos.local";

  static final String DEMO_PASSWORD = "kairos-demo-only";

  @Option(
      names = "--steps-per-second",
      defaultValue = "2",
      description = "How busy the simulated shop is (default ${DEFAULT-VALUE}).")
  double stepsPerSecond;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed of the shop.")
  long seed;

  @Option(
      names = "--customers",
      defaultValue = "3000",
      description =
          "Customers in the back-filled history of the last 14 months (default ${DEFAULT-VALUE};"
              + " 0: no history).")
  int customers;

  @Override
  public void run() {
    KairosConfig base = KairosConfig.fromEnvironment();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("KAIROS_HOME", base.home().resolve("demo").toString());
    env.remove("KAIROS_DATABASE_URL");
    env.putIfAbsent("KAIROS_WRITE_KEY", "demo-write-key");
    env.putIfAbsent("KAIROS_ADMIN_TOKEN", "demo-admin-token");
    // the demo's credentials are well known: keep it on this machine unless told otherwise
    env.putIfAbsent("KAIROS_HTTP_HOST", "127.0.0.1");
    env.putIfAbsent("KAIROS_BUILTIN_JOURNEYS", "publish");
    // the simulated shop records no consent: its journeys send on legitimate interest
    env.putIfAbsent(
        "KAIROS_CONSENT_LEGITIMATE_INTEREST",
        "newsletter,promotions,cart_reminders,product_updates,reviews");
    KairosServer server = KairosServer.start(KairosConfig.from(env), Clock.systemUTC());
    String url = "http://localhost:" + server.port();
    server.modules().console().accounts().create(DEMO_EMAIL, "admin", DEMO_PASSWORD);
    System.out.println();
    System.out.println("Kairos demo on " + url + " — a simulated shop is sending events.");
    System.out.println("Console: " + url + "/");
    System.out.println(
        "  demo login (the demo's own, fixed; never use it for real data): "
            + DEMO_EMAIL
            + " / "
            + DEMO_PASSWORD);
    System.out.println("Try:");
    // a token the operator set is theirs: the demo shows only the one it chose itself
    String bearer =
        base.adminToken().isPresent()
            ? "\"Authorization: Bearer $KAIROS_ADMIN_TOKEN\""
            : "'Authorization: Bearer " + server.credentials().adminToken() + "'";
    System.out.println("  curl -H " + bearer + " '" + url + "/api/profiles?limit=3'");
    if (customers > 0) {
      System.out.println(
          "  curl -H "
              + bearer
              + " '"
              + url
              + "/api/profiles?identifier=userId:cust-7'   # RFM, stage, send hour, CLV");
    }
    System.out.println("Stop with Ctrl-C.");
    System.out.println();
    if (customers > 0) {
      try {
        DemoBackfill.run(
            server,
            server.credentials().writeKey(),
            seed,
            customers,
            Clock.systemUTC(),
            System.out);
      } catch (Exception e) {
        System.err.println("demo: the history could not be back-filled: " + e.getMessage());
      }
    }
    SimulatedShop shop =
        new SimulatedShop(url, server.credentials().writeKey(), seed, System.out, customers);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean stopping = new AtomicBoolean();
    ticker.scheduleAtFixedRate(
        () -> {
          try {
            if (!stopping.get()) {
              shop.step();
            }
          } catch (Exception e) {
            System.err.println("demo: " + e.getMessage());
          }
        },
        0,
        Math.max(1, (long) (1000 / stepsPerSecond)),
        TimeUnit.MILLISECONDS);
    ServeCommand.runUntilStopped(
        () -> {
          stopping.set(true);
          ticker.shutdownNow();
          server.close();
        });
  }
}
