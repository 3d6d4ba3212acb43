package dev.kairos.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kairos.delivery.Channel.Handoff;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.Links;
import dev.kairos.platform.signing.Signer;
import dev.kairos.testing.SmtpSink;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Email handed to a real SMTP server (GreenMail in this JVM) and to a sink that refuses some. */
class EmailChannelTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);
  static GreenMail greenMail;
  static EmailChannel channel;

  @BeforeAll
  static void start() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    channel = channel(greenMail.getSmtp().getPort());
  }

  @AfterAll
  static void stop() {
    channel.close();
    greenMail.stop();
  }

  static EmailChannel channel(int port) {
    Links links = new Links("https://kairos.example", new Signer(new byte[32]));
    return new EmailChannel(
        settings(port, Map.of()), links, "unsubscribe@shop.example", DeliveryEvents.NONE, CLOCK);
  }

  static SmtpSettings settings(int port, Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("KAIROS_SMTP_HOST", "127.0.0.1");
    env.put("KAIROS_SMTP_PORT", String.valueOf(port));
    env.put("KAIROS_SMTP_SECURITY", "none");
    env.put("KAIROS_EMAIL_FROM", "Shop <news@shop.example>");
    env.putAll(more);
    return SmtpSettings.from(env).orElseThrow();
  }

  static Email marketing(String key, String to) {
    return new Email(
        key,
        to,
        "Ann, your cart",
        "<html><body><p>Hello <a href=\"https://shop.example/cart\">your cart</a></p></body></html>",
        "Hello, your cart: https://shop.example/cart",
        Optional.of(
            new Email.Unsubscribe(
                "https://kairos.example/u/TOKEN", "unsubscribe@shop.example?subject=TOKEN")));
  }

  static MimeMessage received(String to) throws Exception {
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(to)) {
        return m;
      }
    }
    throw new AssertionError("no message to " + to);
  }

  @Test
  void a_marketing_email_arrives_with_both_parts_its_message_id_and_one_click_unsubscribe()
      throws Exception {
    Handoff handoff = channel.send(marketing("run-1:step-a", "ann@example.com"));

    assertThat(handoff).isInstanceOf(Handoff.Sent.class);
    MimeMessage m = received("ann@example.com");
    assertThat(m.getSubject()).isEqualTo("Ann, your cart");
    assertThat(m.getFrom()[0].toString()).isEqualTo("Shop <news@shop.example>");
    assertThat(m.getMessageID())
        .isEqualTo(MailComposer.messageId("run-1:step-a", "shop.example"))
        .isEqualTo(((Handoff.Sent) handoff).providerId())
        .matches("<[0-9a-f]{32}@shop\\.example>");
    assertThat(m.getHeader("List-Unsubscribe", null))
        .isEqualTo(
            "<https://kairos.example/u/TOKEN>, <mailto:unsubscribe@shop.example?subject=TOKEN>");
    assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    Multipart parts = (Multipart) m.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat((String) parts.getBodyPart(0).getContent())
        .isEqualTo("Hello, your cart: https://shop.example/cart");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent()).contains("your cart</a>");
  }

  @Test
  void a_transactional_email_has_no_list_unsubscribe() throws Exception {
    Email receipt =
        new Email(
            "order-1",
            "bob@example.com",
            "Your order",
            "<p>Thanks</p>",
            "Thanks",
            Optional.empty());

    assertThat(channel.send(receipt)).isInstanceOf(Handoff.Sent.class);
    MimeMessage m = received("bob@example.com");
    assertThat(m.getHeader("List-Unsubscribe")).isNull();
    assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();
  }

  @Test
  void the_message_id_depends_only_on_the_idempotency_key() {
    assertThat(MailComposer.messageId("k-1", "shop.example"))
        .isEqualTo(MailComposer.messageId("k-1", "shop.example"))
        .isNotEqualTo(MailComposer.messageId("k-2", "shop.example"));
  }

  @Test
  void a_4xx_reply_is_retryable_a_5xx_is_not_and_neither_sends_another_message_twice()
      throws Exception {
    try (SmtpSink sink = new SmtpSink();
        EmailChannel toSink = channel(sink.port())) {
      List<Handoff> handoffs = new ArrayList<>();
      for (String to :
          List.of(
              "a@example.com",
              "soft@example.com",
              "b@example.com",
              "hard@example.com",
              "c@example.com")) {
        handoffs.add(toSink.send(marketing("key-" + to, to)));
      }

      assertThat(handoffs.get(0)).isInstanceOf(Handoff.Sent.class);
      assertThat(handoffs.get(1))
          .isInstanceOfSatisfying(
              Handoff.Failed.class,
              f -> {
                assertThat(f.retryable()).isTrue();
                assertThat(f.error()).startsWith("SMTP 451");
              });
      assertThat(handoffs.get(3))
          .isInstanceOfSatisfying(
              Handoff.Failed.class,
              f -> {
                assertThat(f.retryable()).isFalse();
                assertThat(f.error()).startsWith("SMTP 550");
              });
      assertThat(sink.accepted())
          .containsExactly("a@example.com", "b@example.com", "c@example.com");
    }
  }

  @Test
  void connections_are_reused_between_messages() throws Exception {
    try (SmtpSink sink = new SmtpSink();
        EmailChannel toSink = channel(sink.port())) {
      for (int i = 0; i < 5; i++) {
        assertThat(toSink.send(marketing("reuse-" + i, "r" + i + "@example.com")))
            .isInstanceOf(Handoff.Sent.class);
      }
      assertThat(sink.accepted()).hasSize(5);
      assertThat(sink.connections()).isEqualTo(1);
    }
  }

  @Test
  void a_server_that_is_not_there_is_a_retryable_failure() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (EmailChannel nowhere = channel(closedPort)) {
      assertThat(nowhere.send(marketing("k", "x@example.com")))
          .isInstanceOfSatisfying(Handoff.Failed.class, f -> assertThat(f.retryable()).isTrue());
    }
  }
}
