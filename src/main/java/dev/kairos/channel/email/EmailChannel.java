package dev.kairos.channel.email;

import dev.kairos.delivery.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Optional;

/**
 * Email over SMTP. Each message is composed ({@link MailComposer}) and handed to the server over a
 * pooled connection ({@link SmtpRelay}); a 4xx reply or a connection fault is a retryable failure,
 * a 5xx reply a permanent one. Only the one message is ever sent per call, so a failure never
 * repeats another message.
 *
 * <p>Hand-off and crash (guarantee 4): the server accepts the message before the dispatcher commits
 * {@code sent}; a crash between the two leaves the message due again, and it is handed off a second
 * time, with the same {@code Message-ID}. That window is one SMTP reply plus one commit.
 */
public final class EmailChannel implements Channel, AutoCloseable {
  private final SmtpRelay relay;
  private final MailComposer composer;
  private final String domain;

  public EmailChannel(SmtpSettings settings, Clock clock) {
    this.domain = settings.fromDomain();
    this.relay = new SmtpRelay(settings);
    this.composer =
        new MailComposer(relay.session(), settings.from(), settings.fromDomain(), clock);
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public Handoff deliver(OutboundMessage message) {
    if (message.address() == null || message.address().isBlank()) {
      return new Handoff.Failed(false, "the profile has no email address");
    }
    EmailHtml.Parts parts = EmailHtml.finish(message.body(), null, null, EmailHtml.Tracking.NONE);
    Email email =
        new Email(
            message.idempotencyKey(),
            message.address(),
            message.subject(),
            parts.html(),
            parts.text(),
            Optional.empty());
    return send(email);
  }

  /** Composes and hands off one email. */
  public Handoff send(Email email) {
    MimeMessage mime;
    try {
      mime = composer.compose(email);
    } catch (MessagingException e) {
      return new Handoff.Failed(false, "the email cannot be composed: " + e.getMessage());
    }
    SmtpRelay.Reply reply = relay.send(mime);
    if (reply instanceof SmtpRelay.Reply.Refused refused) {
      return new Handoff.Failed(refused.retryable(), refused.error());
    }
    return new Handoff.Sent(MailComposer.messageId(email.idempotencyKey(), domain));
  }

  @Override
  public void close() {
    relay.close();
  }
}
