package dev.kairos.channel;

/** The configuration of one channel's provider, as {@code PUT /api/channels/{name}} sets it. */
public sealed interface ChannelSettings
    permits HttpSmsChannel.Settings,
        TwilioSmsChannel.Settings,
        FcmPushChannel.Settings,
        WeChatTemplateChannel.Settings,
        WhatsAppTemplateChannel.Settings,
        WebhookChannel.Settings {
  /** The provider's name in the configuration ({@code twilio}, {@code fcm} …). */
  String provider();
}
