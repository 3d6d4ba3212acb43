package dev.kairos.app;

import dev.kairos.channel.ChannelFactory;
import dev.kairos.channel.SecretBox;
import dev.kairos.channel.store.ChannelConfigStore;
import dev.kairos.channel.store.ChannelRegistry;
import dev.kairos.channel.store.ReceiptLedger;
import dev.kairos.channel.web.ChannelsApi;
import dev.kairos.channel.web.ReceiptHooks;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.platform.http.RouteGroup;
import dev.kairos.platform.signing.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The non-email channels: their configurations (sealed with a key derived from the signing key, so
 * every node reads them), the registry the dispatcher asks per message, the configuration API and
 * the providers' receipt hooks.
 */
final class ChannelModule {
  private final ChannelRegistry registry;
  private final List<RouteGroup> routes;

  private ChannelModule(ChannelRegistry registry, List<RouteGroup> routes) {
    this.registry = registry;
    this.routes = routes;
  }

  static ChannelModule create(
      Database database,
      Signer signer,
      Supplier<String> publicUrl,
      DeliveryEvents events,
      Clock clock) {
    ChannelConfigStore store = new ChannelConfigStore(database, Json.MAPPER, clock);
    // a deterministic signature is a secret only the signing key's holders can compute
    SecretBox box =
        new SecretBox(
            signer.sign("channel-configuration-key", "v1").getBytes(StandardCharsets.UTF_8));
    ChannelRegistry registry =
        new ChannelRegistry(
            store, box, new ChannelFactory(Json.MAPPER, publicUrl, clock), Json.MAPPER, clock);
    return new ChannelModule(
        registry,
        List.of(
            new ChannelsApi(store, registry, Json.MAPPER),
            new ReceiptHooks(
                registry,
                new ReceiptLedger(database, events, clock),
                publicUrl,
                Json.MAPPER,
                clock)));
  }

  ChannelRegistry registry() {
    return registry;
  }

  List<RouteGroup> routes() {
    return routes;
  }
}
