package dev.kairos.delivery.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bounce and complaint notices read into reports, each format by its own rules. */
class MailReportsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_dsn_gives_one_report_per_recipient_hard_soft_and_delivered_with_the_quoted_link() {
    String original =
        "From: shop@example.com\r\nTo: a@example.com\r\nList-Unsubscribe:\r\n"
            + " <mailto:u@shop.example>, <https://shop.example/u/TOKEN1>\r\n\r\nHello\r\n";
    String dsn =
        "Content-Type: multipart/report;\r\n\treport-type=\"delivery-status\";\r\n"
            + "\tboundary=\"XX\"\r\n\r\n"
            + "--XX\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n"
            + "--XX\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.example.net\r\n\r\n"
            + "Original-Recipient: rfc822;A@Example.com\r\nFinal-Recipient: rfc822; a@example.com\r\n"
            + "Action: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1\r\n"
            + " no such user\r\n\r\n"
            + "Final-Recipient: rfc822; b@example.com\r\nAction: delayed\r\nStatus: 4.4.1\r\n\r\n"
            + "Final-Recipient: rfc822; c@example.com\r\nAction: failed\r\nStatus: 4.2.2\r\n\r\n"
            + "Final-Recipient: rfc822; d@example.com\r\nAction: delivered\r\nStatus: 2.0.0\r\n\r\n"
            + "Final-Recipient: rfc822; e@example.com\r\nAction: relayed\r\nStatus: 2.0.0\r\n\r\n"
            + "--XX\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(original.getBytes(StandardCharsets.UTF_8))
            + "\r\n--XX--\r\n";
    MailReports.Reading.Reports reports = (MailReports.Reading.Reports) MailReports.read(dsn);
    Optional<String> link = Optional.of("https://shop.example/u/TOKEN1");
    assertThat(reports.format()).isEqualTo("dsn");
    assertThat(reports.reports())
        .containsExactly(
            new BounceReport.Bounce(
                "a@example.com", true, "5.1.1", "smtp; 550 5.1.1 no such user", link),
            new BounceReport.Bounce("b@example.com", false, "4.4.1", "", link),
            new BounceReport.Bounce("c@example.com", false, "4.2.2", "", link),
            new BounceReport.Delivered("d@example.com", link));
  }

  @Test
  void an_arf_report_without_original_rcpt_to_names_the_original_recipient() {
    String arf =
        "Content-Type: multipart/report; report-type=feedback-report; boundary=f\n\n"
            + "--f\nContent-Type: text/plain\n\nabuse report\n"
            + "--f\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nVersion: 1\n\n"
            + "--f\nContent-Type: message/rfc822\n\nFrom: shop@example.com\n"
            + "To: Ann <ann@example.com>\nSubject: Offer\n\nBuy\n--f--\n";
    assertThat(MailReports.read(arf))
        .isEqualTo(
            new MailReports.Reading.Reports(
                "arf",
                java.util.List.of(
                    new BounceReport.Complaint("ann@example.com", "abuse", Optional.empty()))));
  }

  @Test
  void anything_else_is_unreadable_with_the_reason() {
    assertThat(MailReports.read("Subject: hi\n\nhello"))
        .isInstanceOf(MailReports.Reading.Unreadable.class);
    assertThat(
            MailReports.read(
                "Content-Type: multipart/report; report-type=disposition-notification;"
                    + " boundary=x\n\n--x--\n"))
        .isInstanceOf(MailReports.Reading.Unreadable.class);
    assertThat(
            MailReports.read(
                "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n"
                    + "--x\nContent-Type: text/plain\n\nno status part\n--x--\n"))
        .isInstanceOf(MailReports.Reading.Unreadable.class);
  }

  @Test
  void ses_transient_bounces_are_soft_and_postmark_types_are_sorted() throws Exception {
    var ses =
        ProviderNotices.ses(
            JSON.readTree(
                """
                {"eventType":"Bounce","bounce":{"bounceType":"Transient","bounceSubType":"MailboxFull",
                 "bouncedRecipients":[{"emailAddress":"x@example.com","status":"4.2.2"}]},
                 "mail":{"headers":[{"name":"List-Unsubscribe","value":"<https://s.example/u/T>"}]}}"""),
            JSON);
    assertThat(ses)
        .isEqualTo(
            new ProviderNotices.Notice.Reports(
                java.util.List.of(
                    new BounceReport.Bounce(
                        "x@example.com",
                        false,
                        "4.2.2",
                        "Transient MailboxFull",
                        Optional.of("https://s.example/u/T")))));
    assertThat(ProviderNotices.ses(JSON.readTree("{\"eventType\":\"Send\"}"), JSON))
        .isInstanceOf(ProviderNotices.Notice.Ignored.class);
    assertThat(
            ProviderNotices.ses(
                JSON.readTree(
                    "{\"Type\":\"SubscriptionConfirmation\",\"SubscribeURL\":\"https://sns/x\"}"),
                JSON))
        .isEqualTo(new ProviderNotices.Notice.SubscriptionConfirmation("https://sns/x"));
    assertThat(
            ProviderNotices.postmark(
                JSON.readTree(
                    "{\"RecordType\":\"Bounce\",\"Type\":\"BadEmailAddress\",\"Email\":\"y@example.com\"}")))
        .isEqualTo(
            new ProviderNotices.Notice.Reports(
                java.util.List.of(
                    new BounceReport.Bounce(
                        "y@example.com", true, "BadEmailAddress", "", Optional.empty()))));
    assertThat(
            ProviderNotices.postmark(
                JSON.readTree(
                    "{\"RecordType\":\"Bounce\",\"Type\":\"AutoResponder\",\"Email\":\"y@example.com\"}")))
        .isInstanceOf(ProviderNotices.Notice.Ignored.class);
    assertThat(ProviderNotices.postmark(JSON.readTree("{\"Email\":\"y@example.com\"}")))
        .isInstanceOf(ProviderNotices.Notice.Unreadable.class);
  }
}
