package dev.kairos.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.delivery.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** Makes the adapter a channel's settings describe, all sharing one HTTP client. */
public final class ChannelFactory {
  private final ProviderHttp http;
  private final Supplier<String> publicUrl;
  private final Clock clock;

  /**
   * @param publicUrl where providers reach Kairos ({@code KAIROS_PUBLIC_URL}), for receipts
   */
  public ChannelFactory(ObjectMapper json, Supplier<String> publicUrl, Clock clock) {
    this(
        new ProviderHttp(
            HttpClient.newBuilder().connectTimeout(ProviderHttp.TIMEOUT).build(),
            json,
            ProviderHttp.TIMEOUT),
        publicUrl,
        clock);
  }

  ChannelFactory(ProviderHttp http, Supplier<String> publicUrl, Clock clock) {
    this.http = http;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  public Channel make(ChannelSettings settings) {
    if (settings instanceof HttpSmsChannel.Settings s) {
      return new HttpSmsChannel(s, http);
    } else if (settings instanceof TwilioSmsChannel.Settings s) {
      return new TwilioSmsChannel(withCallback(s), http);
    } else if (settings instanceof FcmPushChannel.Settings s) {
      return new FcmPushChannel(
          s,
          http,
          new GoogleAccessToken(
              Optional.ofNullable(s.accessToken()),
              Optional.ofNullable(s.serviceAccount()),
              http,
              clock));
    } else if (settings instanceof WeChatTemplateChannel.Settings s) {
      return new WeChatTemplateChannel(s, http, clock);
    } else if (settings instanceof WhatsAppTemplateChannel.Settings s) {
      return new WhatsAppTemplateChannel(s, http);
    }
    return new WebhookChannel((WebhookChannel.Settings) settings, http, clock);
  }

  /** Twilio reports delivery to {@code /hooks/twilio} unless another callback is configured. */
  private TwilioSmsChannel.Settings withCallback(TwilioSmsChannel.Settings s) {
    if (s.statusCallback() != null) {
      return s;
    }
    return new TwilioSmsChannel.Settings(
        s.baseUrl(),
        s.accountSid(),
        s.authToken(),
        s.from(),
        s.messagingServiceSid(),
        URI.create(publicUrl.get().replaceAll("/+$", "") + "/hooks/twilio"));
  }
}
