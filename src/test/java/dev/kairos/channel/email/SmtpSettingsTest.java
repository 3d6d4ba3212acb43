package dev.kairos.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.platform.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
  @Test
  void without_a_host_email_stays_in_the_sandbox() {
    assertThat(SmtpSettings.from(Map.of("KAIROS_EMAIL_FROM", "a@shop.example"))).isEmpty();
  }

  @Test
  void the_port_follows_the_security_unless_set() {
    Map<String, String> env =
        Map.of("KAIROS_SMTP_HOST", "smtp.example", "KAIROS_EMAIL_FROM", "a@shop.example");
    assertThat(SmtpSettings.from(env).orElseThrow().port()).isEqualTo(587);
    assertThat(SmtpSettings.from(with(env, "KAIROS_SMTP_SECURITY", "tls")).orElseThrow().port())
        .isEqualTo(465);
    assertThat(SmtpSettings.from(with(env, "KAIROS_SMTP_SECURITY", "none")).orElseThrow().port())
        .isEqualTo(25);
    assertThat(SmtpSettings.from(with(env, "KAIROS_SMTP_PORT", "2525")).orElseThrow().port())
        .isEqualTo(2525);
  }

  @Test
  void the_password_never_appears_in_the_settings_text() {
    SmtpSettings s =
        SmtpSettings.from(
                Map.of(
                    "KAIROS_SMTP_HOST", "smtp.example",
                    "KAIROS_SMTP_USERNAME", "shop",
                    "KAIROS_SMTP_PASSWORD", "s3cret-value",
                    "KAIROS_EMAIL_FROM", "a@shop.example"))
            .orElseThrow();
    assertThat(s.toString()).doesNotContain("s3cret-value").contains("password=(set)");
  }

  @Test
  void bad_settings_name_the_variable() {
    Map<String, String> env =
        Map.of("KAIROS_SMTP_HOST", "smtp.example", "KAIROS_EMAIL_FROM", "a@shop.example");
    assertThatThrownBy(() -> SmtpSettings.from(with(env, "KAIROS_SMTP_SECURITY", "ssl3")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("KAIROS_SMTP_SECURITY");
    assertThatThrownBy(() -> SmtpSettings.from(with(env, "KAIROS_SMTP_PORT", "99999")))
        .hasMessageContaining("KAIROS_SMTP_PORT");
    assertThatThrownBy(() -> SmtpSettings.from(with(env, "KAIROS_SMTP_RATE", "fast")))
        .hasMessageContaining("KAIROS_SMTP_RATE");
    assertThatThrownBy(() -> SmtpSettings.from(Map.of("KAIROS_SMTP_HOST", "smtp.example")))
        .hasMessageContaining("KAIROS_EMAIL_FROM");
  }

  static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(env);
    copy.put(name, value);
    return copy;
  }
}
