package dev.kairos.delivery.bounce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the bounce, complaint and delivery webhooks of email providers: Amazon SES notifications
 * delivered by SNS (and SES event publishing, which says {@code eventType} where notifications say
 * {@code notificationType}), and Postmark's bounce, spam complaint and delivery webhooks.
 */
public final class ProviderNotices {
  private static final Set<String> POSTMARK_HARD =
      Set.of("HardBounce", "BadEmailAddress", "ManuallyDeactivated", "Blocked");
  private static final Set<String> POSTMARK_SOFT =
      Set.of("SoftBounce", "Transient", "DnsError", "MailboxFull");

  private ProviderNotices() {}

  /** What a webhook said. */
  public sealed interface Notice {
    record Reports(List<BounceReport> reports) implements Notice {}

    /** SNS asks to confirm the subscription: an operator opens {@code subscribeUrl}. */
    record SubscriptionConfirmation(String subscribeUrl) implements Notice {}

    /** Well formed, but nothing to act on (an SES "Send" event, a Postmark open). */
    record Ignored(String what) implements Notice {}

    record Unreadable(String reason) implements Notice {}
  }

  /** An SNS message ({@code Type} Notification or SubscriptionConfirmation) carrying SES's JSON. */
  public static Notice ses(JsonNode sns, ObjectMapper mapper) {
    String type = sns.path("Type").asText("");
    if (type.equals("SubscriptionConfirmation")) {
      return new Notice.SubscriptionConfirmation(sns.path("SubscribeURL").asText(""));
    }
    JsonNode ses = sns;
    if (type.equals("Notification")) {
      try {
        ses = mapper.readTree(sns.path("Message").asText(""));
      } catch (IOException e) {
        return new Notice.Unreadable("the SNS Message is not SES JSON");
      }
    }
    if (ses == null || !ses.isObject()) {
      return new Notice.Unreadable("the SNS Message is not SES JSON");
    }
    String kind = ses.path("notificationType").asText(ses.path("eventType").asText(""));
    Optional<String> unsubscribe = sesUnsubscribe(ses.path("mail"));
    List<BounceReport> reports = new ArrayList<>();
    switch (kind) {
      case "Bounce" -> {
        JsonNode bounce = ses.path("bounce");
        boolean hard = bounce.path("bounceType").asText("").equals("Permanent");
        for (JsonNode r : bounce.path("bouncedRecipients")) {
          reports.add(
              new BounceReport.Bounce(
                  r.path("emailAddress").asText(),
                  hard,
                  r.path("status").asText(""),
                  r.path("diagnosticCode")
                      .asText(
                          bounce.path("bounceType").asText("")
                              + " "
                              + bounce.path("bounceSubType").asText("")),
                  unsubscribe));
        }
      }
      case "Complaint" -> {
        JsonNode complaint = ses.path("complaint");
        for (JsonNode r : complaint.path("complainedRecipients")) {
          reports.add(
              new BounceReport.Complaint(
                  r.path("emailAddress").asText(),
                  complaint.path("complaintFeedbackType").asText("abuse"),
                  unsubscribe));
        }
      }
      case "Delivery" -> {
        for (JsonNode r : ses.path("delivery").path("recipients")) {
          reports.add(new BounceReport.Delivered(r.asText(), unsubscribe));
        }
      }
      default -> {
        return kind.isEmpty()
            ? new Notice.Unreadable("neither notificationType nor eventType is set")
            : new Notice.Ignored("SES " + kind);
      }
    }
    reports.removeIf(r -> r.recipient().isBlank());
    return reports.isEmpty()
        ? new Notice.Unreadable("the SES " + kind + " names no recipient")
        : new Notice.Reports(reports);
  }

  private static Optional<String> sesUnsubscribe(JsonNode mail) {
    for (JsonNode header : mail.path("headers")) {
      if (header.path("name").asText("").equalsIgnoreCase("List-Unsubscribe")) {
        return MimeParts.unsubscribeUrl(header.path("value").asText(null));
      }
    }
    return Optional.empty();
  }

  /** A Postmark webhook: {@code RecordType} Bounce, SpamComplaint or Delivery. */
  public static Notice postmark(JsonNode hook) {
    String record = hook.path("RecordType").asText("");
    Optional<String> unsubscribe = Optional.empty();
    switch (record) {
      case "Bounce" -> {
        String type = hook.path("Type").asText("");
        String email = hook.path("Email").asText("");
        if (email.isBlank()) {
          return new Notice.Unreadable("the Postmark bounce has no Email");
        }
        if (!POSTMARK_HARD.contains(type) && !POSTMARK_SOFT.contains(type)) {
          return new Notice.Ignored("Postmark bounce of type " + type);
        }
        return new Notice.Reports(
            List.of(
                new BounceReport.Bounce(
                    email,
                    POSTMARK_HARD.contains(type),
                    type,
                    hook.path("Details").asText(hook.path("Description").asText("")),
                    unsubscribe)));
      }
      case "SpamComplaint" -> {
        String email = hook.path("Email").asText("");
        return email.isBlank()
            ? new Notice.Unreadable("the Postmark spam complaint has no Email")
            : new Notice.Reports(List.of(new BounceReport.Complaint(email, "abuse", unsubscribe)));
      }
      case "Delivery" -> {
        String recipient = hook.path("Recipient").asText("");
        return recipient.isBlank()
            ? new Notice.Unreadable("the Postmark delivery has no Recipient")
            : new Notice.Reports(List.of(new BounceReport.Delivered(recipient, unsubscribe)));
      }
      default -> {
        return record.isEmpty()
            ? new Notice.Unreadable("RecordType is missing")
            : new Notice.Ignored("Postmark " + record);
      }
    }
  }
}
