package dev.kairos.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kairos.app.JourneyModule;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A published journey's send step pointed at an SMTP server by the environment variables: the email
 * arrives in GreenMail, rendered for the person, and the outbox says {@code sent}.
 */
class JourneyEmailTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T12:00:00Z"));
  static GreenMail greenMail;
  static TestServer server;
  static JourneyModule journeys;

  @BeforeAll
  static void start() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    server =
        TestServer.start(
            CLOCK,
            Map.of(
                "KAIROS_JOURNEYS_WORKER", "off",
                "KAIROS_SMTP_HOST", "127.0.0.1",
                "KAIROS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()),
                "KAIROS_SMTP_SECURITY", "none",
                "KAIROS_EMAIL_FROM", "Shop <news@shop.example>"));
    journeys = server.server().modules().journeys();
    ok(
        server.admin(
            "POST",
            "/api/templates",
            """
            {"key": "welcome", "channel": "email", "subject": "Welcome, {{ profile.traits.first_name }}",
             "html": "<p>Hello {{ profile.traits.first_name }}, see <a href=\\"https://shop.example/new\\">what is new</a></p>"}"""));
    ok(
        server.admin(
            "POST",
            "/api/journeys",
            """
            {"key": "welcome", "name": "Welcome", "trigger": {"event": "Signed Up"},
             "start": "send",
             "steps": {"send": {"type": "send", "channel": "email", "template": "welcome", "next": "exit"}}}"""));
    ok(server.admin("POST", "/api/journeys/welcome/publish", ""));
  }

  @AfterAll
  static void stop() {
    server.close();
    greenMail.stop();
  }

  static TestServer.Response ok(TestServer.Response response) {
    assertThat(response.status()).as(response.text()).isBetween(200, 299);
    return response;
  }

  @Test
  void a_journey_email_arrives_over_smtp_rendered_for_the_person() throws Exception {
    server.trackOk(
        "/v1/identify",
        "{\"userId\": \"ann\", \"traits\": {\"first_name\": \"Ann\", \"email\": \"ann@example.com\"}}");
    server.trackOk("/v1/track", "{\"userId\": \"ann\", \"event\": \"Signed Up\"}");
    server.awaitApplied();
    journeys.workUntilIdle();

    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage m = greenMail.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("Welcome, Ann");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
    assertThat(m.getMessageID()).matches("<[0-9a-f]{32}@shop\\.example>");
    Multipart parts = (Multipart) m.getContent();
    assertThat((String) parts.getBodyPart(0).getContent())
        .isEqualTo("Hello Ann, see what is new (https://shop.example/new)");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("<p>Hello Ann, see <a");
    String id = server.profile("userId:ann").get("id").asText();
    var message = server.get("/api/messages?profile_id=" + id).body().get("messages").get(0);
    assertThat(message.get("status").asText()).isEqualTo("sent");
  }
}
