package dev.kairos.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

  @Test
  void no_operation_lists_a_parameter_twice() throws IOException {
    JsonNode paths;
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      paths = new ObjectMapper().readTree(in).path("paths");
    }
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        Set<String> seen = new HashSet<>();
        for (JsonNode parameter : operation.getValue().path("parameters")) {
          String key = parameter.path("in").asText() + " " + parameter.path("name").asText();
          assertThat(seen.add(key))
              .as("%s %s lists parameter %s once", operation.getKey(), path.getKey(), key)
              .isTrue();
        }
      }
    }
  }
}
