package dev.kairos.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/** Reads each provider's fields into its adapter's settings record. */
final class ProviderSettings {
  static final URI GOOGLE_TOKEN = URI.create("https://oauth2.googleapis.com/token");

  private ProviderSettings() {}

  static ChannelSettings read(String provider, SettingsFields f, ObjectNode document) {
    return switch (provider) {
      case "twilio" -> twilio(f);
      case "http" -> http(f);
      case "fcm" -> fcm(f, document);
      case "wechat" -> wechat(f);
      case "whatsapp" -> whatsapp(f);
      default -> webhook(f);
    };
  }

  private static ChannelSettings twilio(SettingsFields f) {
    f.onlyThese(
        ChannelConfiguration.knownFields(
            "account_sid",
            "auth_token",
            "from",
            "messaging_service_sid",
            "status_callback",
            "base_url"));
    var settings =
        new TwilioSmsChannel.Settings(
            f.url("base_url", TwilioSmsChannel.API),
            f.text("account_sid"),
            f.text("auth_token"),
            f.optionalText("from"),
            f.optionalText("messaging_service_sid"),
            f.url("status_callback", null));
    if (settings.from() == null && settings.messagingServiceSid() == null) {
      f.problem("from", "from (a number) or messaging_service_sid is required");
    }
    return settings;
  }

  private static ChannelSettings http(SettingsFields f) {
    f.onlyThese(ChannelConfiguration.knownFields("url", "api_key", "from"));
    URI url = f.url("url", null);
    if (url == null && !f.has("url")) {
      f.problem("url", "url is required");
    }
    return new HttpSmsChannel.Settings(url, f.optionalText("api_key"), f.optionalText("from"));
  }

  private static ChannelSettings fcm(SettingsFields f, ObjectNode document) {
    f.onlyThese(
        ChannelConfiguration.knownFields(
            "project_id", "access_token", "service_account", "base_url"));
    GoogleAccessToken.ServiceAccount account = null;
    String projectId = f.optionalText("project_id");
    if (f.has("service_account")) {
      SettingsFields sa = f.object("service_account");
      account =
          new GoogleAccessToken.ServiceAccount(
              sa.text("client_email"), sa.text("private_key"), sa.url("token_uri", GOOGLE_TOKEN));
      if (projectId == null) {
        projectId = sa.optionalText("project_id");
      }
      // keep only what signing needs: a key file carries more than that
      ObjectNode kept = document.objectNode();
      for (String field : new String[] {"client_email", "private_key", "token_uri", "project_id"}) {
        if (document.path("service_account").hasNonNull(field)) {
          kept.set(field, document.path("service_account").get(field));
        }
      }
      if (document.get("service_account") instanceof ObjectNode) {
        document.set("service_account", kept);
      }
    }
    String token = f.optionalText("access_token");
    if ((token == null) == (account == null)) {
      f.problem("access_token", "exactly one of access_token and service_account is required");
    }
    if (projectId == null) {
      f.problem("project_id", "project_id is required (or in service_account)");
    }
    return new FcmPushChannel.Settings(
        f.url("base_url", FcmPushChannel.API), projectId, token, account);
  }

  private static ChannelSettings wechat(SettingsFields f) {
    f.onlyThese(
        ChannelConfiguration.knownFields(
            "app_id", "app_secret", "access_token", "callback_token", "base_url"));
    var settings =
        new WeChatTemplateChannel.Settings(
            f.url("base_url", WeChatTemplateChannel.API),
            f.optionalText("app_id"),
            f.optionalText("app_secret"),
            f.optionalText("access_token"),
            f.optionalText("callback_token"));
    boolean app = settings.appId() != null && settings.appSecret() != null;
    if (!app && settings.accessToken() == null) {
      f.problem("app_id", "app_id and app_secret (or an access_token) are required");
    }
    return settings;
  }

  private static ChannelSettings whatsapp(SettingsFields f) {
    f.onlyThese(
        ChannelConfiguration.knownFields(
            "phone_number_id",
            "access_token",
            "app_secret",
            "verify_token",
            "api_version",
            "base_url"));
    String version = f.optionalText("api_version");
    if (version != null && !version.matches("v\\d+\\.\\d+")) {
      f.problem("api_version", "api_version must look like v21.0");
    }
    return new WhatsAppTemplateChannel.Settings(
        f.url("base_url", WhatsAppTemplateChannel.API),
        version == null ? WhatsAppTemplateChannel.API_VERSION : version,
        f.text("phone_number_id"),
        f.text("access_token"),
        f.optionalText("app_secret"),
        f.optionalText("verify_token"));
  }

  private static ChannelSettings webhook(SettingsFields f) {
    f.onlyThese(ChannelConfiguration.knownFields("url", "secret"));
    String secret = f.text("secret");
    if (secret != null && secret.length() < 16) {
      f.problem("secret", "secret must be at least 16 characters");
    }
    return new WebhookChannel.Settings(f.url("url", null), secret);
  }
}
