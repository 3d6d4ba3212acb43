package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.ServeProcess;
import dev.kairos.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kairos serve} with a setting it cannot use stops before starting anything — no embedded
 * PostgreSQL, no secrets file — with one line naming the variable, no stack trace, exit code 2.
 */
class ConfigurationRefusedAtStartTest {
  @TempDir Path home;

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "KAIROS_ADMIN_TOKEN, short",
    "KAIROS_WRITE_KEY, ' '",
    "KAIROS_IMPORT_MAX_BODY_MB, lots",
    "KAIROS_METRICS_ACCESS, private",
    "KAIROS_HTTP_PORT, eighty",
    "KAIROS_APPLY_LINGER_MS, -1",
    "KAIROS_WORKSPACE_TIME_ZONE, Mars/Olympus",
    "KAIROS_QUIET_HOURS, late",
    "KAIROS_SEGMENTS_BUILT_IN, maybe",
    "KAIROS_CONSOLE_SECURE_COOKIES, sometimes",
    "KAIROS_SIGNING_KEY, too-short-to-sign",
    "KAIROS_PUBLIC_URL, shop.example.com",
  })
  void a_bad_setting_is_refused_in_one_line_naming_it_before_anything_starts(
      String variable, String value) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
            ServeProcess.command(
                List.of("-Xmx256m"), System.getProperty("java.class.path"), "serve"));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("KAIROS_"));
    env.put("KAIROS_HOME", home.toString());
    env.put("KAIROS_HTTP_PORT", "0");
    env.put("KAIROS_WRITE_KEY", TestServer.WRITE_KEY);
    env.put("KAIROS_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
    env.put(variable, value);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kairos serve did not stop on a bad " + variable);
    }
    List<String> output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(line -> !line.isBlank())
            .toList();

    assertThat(process.exitValue()).as(String.join("\n", output)).isEqualTo(2);
    assertThat(output).as("one line").hasSize(1);
    assertThat(output.get(0)).startsWith("kairos serve: ").contains(variable);
    assertThat(output.get(0)).doesNotContain("Exception");
    assertThat(home.resolve("postgres")).as("no embedded PostgreSQL was started").doesNotExist();
    assertThat(Files.list(home)).as("nothing written under KAIROS_HOME").isEmpty();
  }
}
