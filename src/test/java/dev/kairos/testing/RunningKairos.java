package dev.kairos.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kairos server for one test class, on its own fresh database, driven by a settable clock:
 * {@code @RegisterExtension static final RunningKairos kairos = new
 * RunningKairos("2026-01-01T00:00:00Z");}
 */
public final class RunningKairos implements BeforeAllCallback, AfterAllCallback {
  private final SettableClock clock;
  private TestServer server;

  public RunningKairos(String start) {
    this.clock = new SettableClock(Instant.parse(start));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = TestServer.start(clock);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  public TestServer server() {
    return server;
  }

  public SettableClock clock() {
    return clock;
  }

  /** Sends a call that must be accepted, then moves the clock one minute on. */
  public void send(String path, String json) {
    server.trackOk(path, json);
    server.awaitApplied(); // applied at this instant, before time moves on
    clock.advance(Duration.ofMinutes(1));
  }

  public JsonNode profile(String identifier) {
    return server.profile(identifier);
  }
}
