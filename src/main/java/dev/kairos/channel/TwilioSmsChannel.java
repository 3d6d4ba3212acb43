package dev.kairos.channel;

import dev.kairos.delivery.Channel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SMS through Twilio's Messages API: a form-encoded {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json} with {@code To}, {@code From} (or {@code
 * MessagingServiceSid}), {@code Body} and {@code StatusCallback}, authenticated with the account
 * SID and auth token (HTTP Basic). The provider id is the answer's {@code sid}; Twilio reports
 * delivery to the status callback ({@code /hooks/twilio}). Twilio takes no idempotency key: a crash
 * between its answer and the outbox's commit can send the SMS twice.
 */
public final class TwilioSmsChannel implements Channel {
  public static final URI API = URI.create("https://api.twilio.com");

  /**
   * {@code authToken} is a secret; one of {@code from} and {@code messagingServiceSid} is set;
   * {@code statusCallback} is where Twilio posts delivery receipts.
   */
  public record Settings(
      URI baseUrl,
      String accountSid,
      String authToken,
      String from,
      String messagingServiceSid,
      URI statusCallback)
      implements ChannelSettings {
    @Override
    public String provider() {
      return "twilio";
    }
  }

  private final Settings settings;
  private final ProviderHttp http;

  TwilioSmsChannel(Settings settings, ProviderHttp http) {
    this.settings = settings;
    this.http = http;
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public Handoff deliver(OutboundMessage m) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", m.address());
    if (settings.messagingServiceSid() != null) {
      form.put("MessagingServiceSid", settings.messagingServiceSid());
    } else {
      form.put("From", settings.from());
    }
    form.put("Body", m.content().body());
    if (settings.statusCallback() != null) {
      form.put("StatusCallback", settings.statusCallback().toString());
    }
    URI uri =
        URI.create(
            ProviderHttp.base(settings.baseUrl())
                + "/2010-04-01/Accounts/"
                + ProviderHttp.encode(settings.accountSid())
                + "/Messages.json");
    String credentials = settings.accountSid() + ":" + settings.authToken();
    return http.send(
        http.to(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .POST(ProviderHttp.form(form))
            .build(),
        answer -> ProviderHttp.text(answer.get("sid")).orElse(null));
  }
}
