package dev.kairos.channel;

import dev.kairos.delivery.Channel;

/**
 * Where a message goes when its channel is not configured: it stays in Kairos, rendered, with
 * status {@code sandboxed} (visible through {@code GET /api/messages}). Tests and the demo use it.
 */
public final class SandboxChannel implements Channel {
  private final String name;

  public SandboxChannel(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Handoff deliver(OutboundMessage message) {
    return new Handoff.Sandboxed();
  }
}
