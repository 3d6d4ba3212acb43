package dev.kairos.delivery.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a bounce or complaint that arrived as mail: an RFC 3464 delivery status notification
 * ({@code multipart/report; report-type=delivery-status}) or an RFC 5965 abuse feedback report
 * ({@code multipart/report; report-type=feedback-report}). A DSN gives one report per recipient
 * field group: {@code Action: failed} with a 5.x.x {@code Status} is a hard bounce, {@code failed}
 * with 4.x.x or {@code delayed} a soft one, {@code delivered} a delivery; {@code relayed} and
 * {@code expanded} say nothing. The original message (or its headers) part gives the {@code
 * List-Unsubscribe} URL that names the Kairos message.
 */
public final class MailReports {
  private MailReports() {}

  /** What a posted message said. */
  public sealed interface Reading {
    record Reports(String format, List<BounceReport> reports) implements Reading {}

    record Unreadable(String reason) implements Reading {}
  }

  public static Reading read(String message) {
    MimeParts.Entity entity = MimeParts.parse(message);
    if (!entity.type().equals("multipart/report")) {
      return new Reading.Unreadable(
          "not a multipart/report (an RFC 3464 DSN or RFC 5965 ARF report): " + entity.type());
    }
    String reportType = entity.parameter("report-type").orElse("").toLowerCase(Locale.ROOT);
    List<MimeParts.Entity> parts = MimeParts.parts(entity);
    Optional<String> unsubscribe = original(parts);
    return switch (reportType) {
      case "delivery-status" -> dsn(parts, unsubscribe);
      case "feedback-report" -> arf(parts, unsubscribe);
      default ->
          new Reading.Unreadable(
              "report-type must be delivery-status or feedback-report, not '" + reportType + "'");
    };
  }

  private static Reading dsn(List<MimeParts.Entity> parts, Optional<String> unsubscribe) {
    Optional<MimeParts.Entity> status =
        parts.stream()
            .filter(
                p ->
                    p.type().equals("message/delivery-status")
                        || p.type().equals("message/global-delivery-status"))
            .findFirst();
    if (status.isEmpty()) {
      return new Reading.Unreadable("the report has no message/delivery-status part");
    }
    List<BounceReport> reports = new ArrayList<>();
    String[] groups = status.get().body().replace("\r\n", "\n").strip().split("\n\\s*\n");
    for (int i = 1; i < groups.length; i++) { // the first group is about the message
      recipient(MimeParts.fields(groups[i]), unsubscribe).ifPresent(reports::add);
    }
    if (reports.isEmpty()) {
      return new Reading.Unreadable("the delivery-status part names no recipient with an action");
    }
    return new Reading.Reports("dsn", reports);
  }

  private static Optional<BounceReport> recipient(
      Map<String, String> fields, Optional<String> unsubscribe) {
    String recipient =
        MimeParts.address(fields.getOrDefault("final-recipient", fields.get("original-recipient")));
    String action = fields.getOrDefault("action", "").toLowerCase(Locale.ROOT).strip();
    String status = fields.getOrDefault("status", "").strip();
    String diagnostic = fields.getOrDefault("diagnostic-code", "");
    if (recipient == null) {
      return Optional.empty();
    }
    return switch (action) {
      case "failed" ->
          Optional.of(
              new BounceReport.Bounce(
                  recipient, !status.startsWith("4"), status, diagnostic, unsubscribe));
      case "delayed" ->
          Optional.of(new BounceReport.Bounce(recipient, false, status, diagnostic, unsubscribe));
      case "delivered" -> Optional.of(new BounceReport.Delivered(recipient, unsubscribe));
      default -> Optional.empty();
    };
  }

  private static Reading arf(List<MimeParts.Entity> parts, Optional<String> unsubscribe) {
    Optional<MimeParts.Entity> feedback =
        parts.stream().filter(p -> p.type().equals("message/feedback-report")).findFirst();
    if (feedback.isEmpty()) {
      return new Reading.Unreadable("the report has no message/feedback-report part");
    }
    Map<String, String> fields = MimeParts.fields(feedback.get().body());
    String recipient = MimeParts.address(fields.get("original-rcpt-to"));
    if (recipient == null) {
      recipient = originalHeader(parts, "to").map(MimeParts::address).orElse(null);
    }
    if (recipient == null) {
      return new Reading.Unreadable(
          "the feedback report names no recipient (Original-Rcpt-To, or To of the original)");
    }
    String type = fields.getOrDefault("feedback-type", "abuse").strip().toLowerCase(Locale.ROOT);
    return new Reading.Reports(
        "arf", List.of(new BounceReport.Complaint(recipient, type, unsubscribe)));
  }

  /** The original message's List-Unsubscribe HTTPS URL, from its message or headers part. */
  private static Optional<String> original(List<MimeParts.Entity> parts) {
    return originalHeader(parts, "list-unsubscribe").flatMap(MimeParts::unsubscribeUrl);
  }

  private static Optional<String> originalHeader(List<MimeParts.Entity> parts, String name) {
    for (MimeParts.Entity part : parts) {
      if (part.type().equals("message/rfc822")
          || part.type().equals("text/rfc822-headers")
          || part.type().equals("message/global")
          || part.type().equals("message/global-headers")) {
        String value = MimeParts.parse(part.body()).header(name);
        if (value != null) {
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }
}
