package dev.kairos.delivery;

import java.util.Map;
import java.util.Optional;

/**
 * The channels messages can be handed to, as configured now. The dispatcher asks it for every
 * message, so a channel configured, changed or removed through the API applies without a restart; a
 * channel it does not know keeps its messages in the sandbox.
 */
@FunctionalInterface
public interface ChannelDirectory {
  Optional<Channel> find(String name);

  /** Fixed channels (configured by environment, such as email over SMTP). */
  static ChannelDirectory of(Map<String, Channel> channels) {
    return name -> Optional.ofNullable(channels.get(name));
  }

  /** This directory's channel, else the other's. */
  default ChannelDirectory orElse(ChannelDirectory other) {
    return name -> find(name).or(() -> other.find(name));
  }
}
