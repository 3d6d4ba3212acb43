package dev.kairos.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @TempDir Path home;

  private KairosConfig config(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("KAIROS_HOME", home.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return KairosConfig.from(env);
  }

  @Test
  void generated_credentials_are_kept_in_a_file_only_its_owner_can_read() throws Exception {
    Credentials generated = Credentials.load(config());

    Path file = home.resolve("credentials.properties");
    assertThat(generated.generated()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(home)) {
      assertThat(files).containsExactly(file); // no temporary file left beside it
    }
    Credentials again = Credentials.load(config());
    assertThat(again.generated()).isFalse();
    assertThat(again.writeKey()).isEqualTo(generated.writeKey());
  }

  @Test
  void an_empty_token_in_the_environment_is_refused_rather_than_replaced() {
    assertThatThrownBy(() -> Credentials.load(config("KAIROS_ADMIN_TOKEN", "")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("KAIROS_ADMIN_TOKEN")
        .hasMessageContaining("empty");
  }

  @Test
  void a_too_short_token_is_refused_at_start() {
    assertThatThrownBy(() -> Credentials.load(config("KAIROS_WRITE_KEY", "abc")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("KAIROS_WRITE_KEY")
        .hasMessageContaining("at least 8 characters");
  }

  @Test
  void an_empty_token_in_the_credentials_file_is_refused() throws Exception {
    Files.writeString(
        home.resolve("credentials.properties"), "write_key=\nadmin_token=adm_12345678\n");
    assertThatThrownBy(() -> Credentials.load(config()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("write_key");
  }

  @Test
  void the_write_key_may_not_be_the_admin_token() {
    assertThatThrownBy(
            () ->
                Credentials.load(
                    config(
                        "KAIROS_WRITE_KEY",
                        "same-secret-1",
                        "KAIROS_ADMIN_TOKEN",
                        "same-secret-1")))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void a_secret_file_is_created_for_its_owner_only_and_replaced_whole() throws Exception {
    Path file = home.resolve("postgres.password");
    SecretFiles.write(file, "s3cret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("s3cret");
    SecretFiles.write(file, "replaced");
    assertThat(Files.readString(file)).isEqualTo("replaced");
  }
}
