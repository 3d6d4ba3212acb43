package dev.kairos.channel.email;

import dev.kairos.delivery.Channel;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.Links;
import dev.kairos.delivery.PlainText;
import dev.kairos.template.Rendering;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
  /** The event recorded when the server accepts a message. */
  public static final String SENT = "Email Sent";

  private final SmtpRelay relay;
  private final MailComposer composer;
  private final String domain;
  private final Links links;
  private final String unsubscribeMailbox;
  private final DeliveryEvents events;
  private final Clock clock;

  /**
   * @param unsubscribeMailbox the address of the {@code mailto} in {@code List-Unsubscribe}
   */
  public EmailChannel(
      SmtpSettings settings,
      Links links,
      String unsubscribeMailbox,
      DeliveryEvents events,
      Clock clock) {
    this.relay = new SmtpRelay(settings);
    this.domain = settings.fromDomain();
    this.composer = new MailComposer(relay.session(), settings.from(), domain, clock);
    this.links = links;
    this.unsubscribeMailbox = unsubscribeMailbox;
    this.events = events;
    this.clock = clock;
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
    Rendering.Rendered content = message.content();
    String text =
        content.text() != null
            ? content.text()
            : content.html() != null ? PlainText.fromHtml(content.html()) : content.body();
    Email email =
        new Email(
            message.idempotencyKey(),
            message.address(),
            content.subject(),
            content.html(),
            text,
            "transactional".equals(message.topic())
                ? Optional.empty()
                : Optional.of(unsubscribe(message.id())));
    Handoff handoff = send(email);
    if (handoff instanceof Handoff.Sent sent) {
      events.record(
          List.of(
              new DeliveryEvents.DeliveryEvent(
                  message.id(),
                  SENT,
                  Map.of(
                      "provider_message_id", sent.providerId(), "to_domain", domainOf(email.to())),
                  clock.instant())));
    }
    return handoff;
  }

  private Email.Unsubscribe unsubscribe(long messageId) {
    String url = links.unsubscribeUrl(messageId);
    String token = url.substring(url.lastIndexOf('/') + 1);
    return new Email.Unsubscribe(url, unsubscribeMailbox + "?subject=unsubscribe%20" + token);
  }

  private static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
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
