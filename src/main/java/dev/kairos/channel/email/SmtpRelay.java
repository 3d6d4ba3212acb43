package dev.kairos.channel.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * One SMTP server: at most {@link SmtpSettings#connections()} connections, kept open and reused
 * between messages, and its {@link SendRate}. A connection that failed is closed, never reused, so
 * one message's failure cannot leave the next on a half-finished SMTP dialogue; nothing is ever
 * re-sent here (retries are the dispatcher's, per message).
 */
public final class SmtpRelay implements AutoCloseable {
  /** A connection unused this long is checked (NOOP) before it carries a message. */
  private static final long IDLE_CHECK_NANOS = 10_000_000_000L;

  private final SmtpSettings settings;
  private final Session session;
  private final SendRate rate;
  private final Semaphore open;
  private final BlockingQueue<Idle> idle;

  private record Idle(Transport transport, long since) {}

  /** What the server said to one message. */
  public sealed interface Reply {
    record Accepted() implements Reply {}

    /** Refused or not delivered: 4xx replies and connection faults may succeed later. */
    record Refused(boolean retryable, String error) implements Reply {}
  }

  public SmtpRelay(SmtpSettings settings) {
    this.settings = settings;
    this.session = Session.getInstance(properties(settings));
    this.rate = new SendRate(settings.ratePerSecond(), System::nanoTime);
    this.open = new Semaphore(settings.connections());
    this.idle = new ArrayBlockingQueue<>(settings.connections());
  }

  public Session session() {
    return session;
  }

  /** Hands one message to the server over a pooled connection, within the rate. */
  public Reply send(MimeMessage message) {
    rate.acquire();
    open.acquireUninterruptibly();
    Transport transport = null;
    try {
      transport = connection();
      transport.sendMessage(message, message.getAllRecipients());
      idle.offer(new Idle(transport, System.nanoTime()));
      transport = null;
      return new Reply.Accepted();
    } catch (MessagingException e) {
      return refusal(e);
    } finally {
      if (transport != null) {
        closeQuietly(transport);
      }
      open.release();
    }
  }

  private Transport connection() throws MessagingException {
    Idle pooled;
    while ((pooled = idle.poll()) != null) {
      if (System.nanoTime() - pooled.since() < IDLE_CHECK_NANOS
          || pooled.transport().isConnected()) {
        return pooled.transport();
      }
      closeQuietly(pooled.transport());
    }
    Transport transport = session.getTransport("smtp");
    transport.connect(
        settings.host(),
        settings.port(),
        settings.username().orElse(null),
        settings.password().orElse(null));
    return transport;
  }

  /** A 4xx reply or a connection fault may pass later; a 5xx reply will not. */
  static Reply.Refused refusal(MessagingException e) {
    if (e instanceof AuthenticationFailedException) {
      return new Reply.Refused(true, "the SMTP server refused the login: " + e.getMessage());
    }
    for (Exception cause = e; cause != null; cause = next(cause)) {
      int code = code(cause);
      if (code > 0) {
        return new Reply.Refused(
            code >= 400 && code < 500, "SMTP " + code + ": " + oneLine(cause.getMessage()));
      }
    }
    return new Reply.Refused(true, "SMTP connection failed: " + oneLine(e.getMessage()));
  }

  private static int code(Exception e) {
    if (e instanceof SMTPSendFailedException f) {
      return f.getReturnCode();
    }
    if (e instanceof SMTPAddressFailedException f) {
      return f.getReturnCode();
    }
    if (e instanceof SMTPSenderFailedException f) {
      return f.getReturnCode();
    }
    return -1;
  }

  private static Exception next(Exception e) {
    return e instanceof MessagingException m ? m.getNextException() : null;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  private static Properties properties(SmtpSettings s) {
    Properties p = new Properties();
    p.put("mail.smtp.host", s.host());
    p.put("mail.smtp.port", String.valueOf(s.port()));
    p.put("mail.smtp.auth", String.valueOf(s.username().isPresent()));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "30000");
    p.put("mail.smtp.writetimeout", "30000");
    p.put("mail.smtp.from", s.from().getAddress());
    switch (s.security()) {
      case STARTTLS -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> {}
    }
    return p;
  }

  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      // the connection is gone either way
    }
  }

  @Override
  public void close() {
    Idle pooled;
    while ((pooled = idle.poll()) != null) {
      closeQuietly(pooled.transport());
    }
  }
}
