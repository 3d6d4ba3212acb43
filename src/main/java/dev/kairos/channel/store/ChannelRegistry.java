package dev.kairos.channel.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.channel.ChannelConfiguration;
import dev.kairos.channel.ChannelFactory;
import dev.kairos.channel.ChannelSettings;
import dev.kairos.channel.SecretBox;
import dev.kairos.delivery.Channel;
import dev.kairos.delivery.ChannelDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured channels, built from {@code channel_configurations} and rebuilt when a
 * configuration's version changes: a change made on this node applies to the next message; one made
 * on another node within {@link #RECHECK}. A configuration this node cannot unseal (the signing key
 * changed) leaves its channel unconfigured, and says so in its status.
 */
public final class ChannelRegistry implements ChannelDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistry.class);
  public static final Duration RECHECK = Duration.ofSeconds(5);

  /** A channel as built from one version of its configuration. */
  public record Built(
      long version, Optional<ChannelSettings> settings, Optional<Channel> channel) {}

  private final ChannelConfigStore store;
  private final SecretBox box;
  private final ChannelFactory factory;
  private final ObjectMapper json;
  private final Clock clock;
  private Map<String, Built> built = Map.of();
  private Instant checked = Instant.MIN;

  public ChannelRegistry(
      ChannelConfigStore store,
      SecretBox box,
      ChannelFactory factory,
      ObjectMapper json,
      Clock clock) {
    this.store = store;
    this.box = box;
    this.factory = factory;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Optional<Channel> find(String name) {
    return current().getOrDefault(name, new Built(0, Optional.empty(), Optional.empty())).channel();
  }

  /** The settings a channel runs with now (receipts need its secrets). */
  public Optional<ChannelSettings> settings(String name) {
    return current()
        .getOrDefault(name, new Built(0, Optional.empty(), Optional.empty()))
        .settings();
  }

  /** Makes the next look-up read the configurations again (after a change on this node). */
  public synchronized void changed() {
    checked = Instant.MIN;
  }

  private synchronized Map<String, Built> current() {
    Instant now = clock.instant();
    if (now.isBefore(checked.plus(RECHECK)) && !checked.equals(Instant.MIN)) {
      return built;
    }
    Map<String, Long> versions = store.versions();
    Map<String, Built> next = new HashMap<>();
    for (Map.Entry<String, Long> v : versions.entrySet()) {
      Built before = built.get(v.getKey());
      next.put(
          v.getKey(),
          before != null && before.version() == v.getValue() ? before : build(v.getKey()));
    }
    built = Map.copyOf(next);
    checked = now;
    return built;
  }

  private Built build(String name) {
    Optional<ChannelConfigStore.Stored> stored = store.find(name);
    if (stored.isEmpty()) {
      return new Built(0, Optional.empty(), Optional.empty());
    }
    Optional<ChannelSettings> settings = open(stored.get());
    if (settings.isEmpty()) {
      LOG.warn(
          "the configuration of channel {} cannot be unsealed (was the signing key changed?);"
              + " its messages stay in the sandbox until it is configured again",
          name);
    }
    return new Built(stored.get().version(), settings, settings.map(factory::make));
  }

  /** The settings of a stored configuration, or empty when it cannot be unsealed or read. */
  public Optional<ChannelSettings> open(ChannelConfigStore.Stored stored) {
    return document(stored).flatMap(d -> ChannelConfiguration.settings(stored.name(), d));
  }

  /** The whole stored document (secrets in clear), for keeping masked secrets on a change. */
  public Optional<ObjectNode> document(ChannelConfigStore.Stored stored) {
    return box.open(stored.sealed())
        .flatMap(
            text -> {
              try {
                return Optional.of((ObjectNode) json.readTree(text));
              } catch (IOException | ClassCastException e) {
                return Optional.empty();
              }
            });
  }

  public SecretBox box() {
    return box;
  }
}
