package dev.kairos.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;

/**
 * Composes the MIME message: {@code multipart/alternative} (text first, HTML last, as RFC 2046
 * orders them), a {@code Message-ID} derived from the idempotency key, and on marketing messages
 * {@code List-Unsubscribe} with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC
 * 8058).
 */
public final class MailComposer {
  private final Session session;
  private final InternetAddress from;
  private final String domain;
  private final Clock clock;

  public MailComposer(Session session, InternetAddress from, String domain, Clock clock) {
    this.session = session;
    this.from = from;
    this.domain = domain;
    this.clock = clock;
  }

  public MimeMessage compose(Email email) throws MessagingException {
    MimeMessage message = new StableIdMessage(session, messageId(email.idempotencyKey(), domain));
    message.setFrom(from);
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(email.to(), true));
    message.setSubject(email.subject() == null ? "" : email.subject(), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    if (email.html() == null) {
      message.setText(email.text() == null ? "" : email.text(), "UTF-8", "plain");
    } else {
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(email.text() == null ? "" : email.text(), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.html(), "UTF-8", "html");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
    }
    if (email.unsubscribe().isPresent()) {
      Email.Unsubscribe u = email.unsubscribe().get();
      message.setHeader("List-Unsubscribe", "<" + u.url() + ">, <mailto:" + u.mailto() + ">");
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    message.saveChanges();
    return message;
  }

  /** {@code <hex of SHA-256(key), 32 digits>@domain}: the same key, the same id. */
  public static String messageId(String idempotencyKey, String domain) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@" + domain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A message whose Message-ID is ours, not one Jakarta Mail generates on save. */
  private static final class StableIdMessage extends MimeMessage {
    private final String id;

    StableIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
