package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every management route the server registers is described in /api/openapi.json. */
class OpenApiDocumentTest {
  @Test
  void every_api_route_is_documented() {
    try (TestServer server =
        TestServer.start(new SettableClock(Instant.parse("2026-01-01T00:00:00Z")))) {
      JsonNode paths = server.get("/api/openapi.json").body().path("paths");
      assertThat(server.server().routes()).anySatisfy(r -> assertThat(r).startsWith("GET /api/"));
      for (String route : server.server().routes()) {
        String[] parts = route.split(" ", 2);
        if (!parts[1].startsWith("/api/")
            || parts[0].startsWith("BEFORE")
            || parts[0].startsWith("AFTER")) {
          continue;
        }
        assertThat(paths.path(parts[1]).has(parts[0].toLowerCase(Locale.ROOT)))
            .as("openapi.json describes %s", route)
            .isTrue();
      }
    }
  }
}
