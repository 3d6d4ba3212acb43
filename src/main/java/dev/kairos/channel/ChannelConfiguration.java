package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code PUT /api/channels/{name}} accepts for each channel, read into its adapter's settings,
 * and how it is shown back: every secret masked ({@code "********"}, with its last four characters
 * when it is long enough that they give nothing away). A secret sent back masked keeps the stored
 * one, so a configuration read, edited and written back loses nothing.
 */
public final class ChannelConfiguration {
  /** The channels configured here, and the providers each takes (the first is the default). */
  public static final Map<String, List<String>> PROVIDERS =
      Map.of(
          "sms", List.of("twilio", "http"),
          "push", List.of("fcm"),
          "wechat", List.of("wechat"),
          "whatsapp", List.of("whatsapp"),
          "webhook", List.of("webhook"));

  static final String MASK = "********";

  /** The secret fields of each provider, as paths in its document. */
  static final Map<String, List<String>> SECRETS =
      Map.of(
          "twilio", List.of("auth_token"),
          "http", List.of("api_key"),
          "fcm", List.of("access_token", "service_account.private_key"),
          "wechat", List.of("app_secret", "access_token", "callback_token"),
          "whatsapp", List.of("access_token", "app_secret", "verify_token"),
          "webhook", List.of("secret"));

  private ChannelConfiguration() {}

  /** A configuration document read, or the problems that keep it from being saved. */
  public sealed interface Reading {
    /** {@code document} is what is stored (encrypted): the fields as given, with the provider. */
    record Valid(ChannelSettings settings, ObjectNode document) implements Reading {}

    record Invalid(String field, String message) implements Reading {}
  }

  /**
   * Reads a document for channel {@code name}; {@code previous} is the stored document, whose
   * secrets replace the masked ones sent back.
   */
  public static Reading read(String name, JsonNode body, Optional<ObjectNode> previous) {
    if (!PROVIDERS.containsKey(name)) {
      return new Reading.Invalid(
          "name",
          "no channel " + name + "; channels: " + new java.util.TreeSet<>(PROVIDERS.keySet()));
    }
    if (body == null || !body.isObject()) {
      return new Reading.Invalid("body", "the body must be a JSON object");
    }
    ObjectNode document = ((ObjectNode) body).deepCopy();
    String provider = document.path("provider").asText(PROVIDERS.get(name).get(0));
    if (!PROVIDERS.get(name).contains(provider)) {
      return new Reading.Invalid(
          "provider", "provider of " + name + " must be one of " + PROVIDERS.get(name));
    }
    document.put("provider", provider);
    previous
        .filter(p -> provider.equals(p.path("provider").asText()))
        .ifPresent(p -> keepMaskedSecrets(provider, document, p));
    SettingsFields f = SettingsFields.of(document);
    ChannelSettings settings = ProviderSettings.read(provider, f, document);
    if (!f.problems().isEmpty()) {
      SettingsFields.Problem first = f.problems().get(0);
      return new Reading.Invalid(first.field(), first.message());
    }
    return new Reading.Valid(settings, document);
  }

  /** The stored document with every secret masked, as the API shows it. */
  public static ObjectNode masked(ObjectNode document) {
    ObjectNode shown = document.deepCopy();
    for (String path : SECRETS.getOrDefault(document.path("provider").asText(), List.of())) {
      ObjectNode parent = parent(shown, path);
      String field = path.substring(path.lastIndexOf('.') + 1);
      if (parent != null && parent.hasNonNull(field)) {
        parent.put(field, mask(parent.get(field).asText(), path.endsWith("private_key")));
      }
    }
    return shown;
  }

  static String mask(String secret, boolean whole) {
    return whole || secret.length() < 16 ? MASK : MASK + secret.substring(secret.length() - 4);
  }

  private static void keepMaskedSecrets(String provider, ObjectNode document, ObjectNode previous) {
    for (String path : SECRETS.get(provider)) {
      ObjectNode parent = parent(document, path);
      ObjectNode before = parent(previous, path);
      String field = path.substring(path.lastIndexOf('.') + 1);
      if (parent != null
          && before != null
          && parent.path(field).asText("").startsWith(MASK)
          && before.hasNonNull(field)) {
        parent.set(field, before.get(field));
      }
    }
  }

  private static ObjectNode parent(ObjectNode root, String path) {
    JsonNode node = root;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.path(parts[i]);
    }
    return node instanceof ObjectNode o ? o : null;
  }

  /** The settings of a stored document (it was valid when it was stored). */
  public static Optional<ChannelSettings> settings(String name, ObjectNode document) {
    return read(name, document, Optional.empty()) instanceof Reading.Valid v
        ? Optional.of(v.settings())
        : Optional.empty();
  }

  static Set<String> knownFields(String... fields) {
    Set<String> known = new java.util.HashSet<>(Set.of(fields));
    known.add("provider");
    return known;
  }
}
