package dev.kairos.channel.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.channel.ChannelConfiguration;
import dev.kairos.channel.store.ChannelConfigStore;
import dev.kairos.channel.store.ChannelRegistry;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code GET /api/channels} and {@code GET|PUT|DELETE /api/channels/{name}}: each non-email
 * channel's provider configuration. Secrets are answered masked, never in clear; a change applies
 * to the next message without a restart.
 */
public final class ChannelsApi implements RouteGroup {
  private final ChannelConfigStore store;
  private final ChannelRegistry registry;
  private final ObjectMapper json;

  public ChannelsApi(ChannelConfigStore store, ChannelRegistry registry, ObjectMapper json) {
    this.store = store;
    this.registry = registry;
    this.json = json;
  }

  /**
   * A channel as the API shows it: {@code status} is {@code configured}, {@code sandbox} (not
   * configured: its messages stay in Kairos) or {@code unreadable} (stored with another signing
   * key: configure it again).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChannelView(
      String name,
      String provider,
      String status,
      ObjectNode settings,
      Long version,
      Instant updatedAt,
      List<String> providers) {}

  public record Channels(List<ChannelView> channels) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/channels", this::list);
    routes.get("/api/channels/{name}", ctx -> ctx.json(view(known(ctx))));
    routes.put("/api/channels/{name}", this::put);
    routes.delete("/api/channels/{name}", this::delete);
  }

  private void list(Context ctx) {
    noQuery(ctx);
    ctx.json(
        new Channels(
            new TreeSet<>(ChannelConfiguration.PROVIDERS.keySet())
                .stream().map(this::view).toList()));
  }

  private void put(Context ctx) {
    String name = known(ctx);
    JsonNode body;
    try {
      body = json.readTree(ctx.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw HttpProblem.badRequest("body", "the body is not JSON: " + e.getOriginalMessage());
    }
    Optional<ObjectNode> previous = store.find(name).flatMap(registry::document);
    ChannelConfiguration.Reading reading = ChannelConfiguration.read(name, body, previous);
    if (reading instanceof ChannelConfiguration.Reading.Invalid invalid) {
      throw HttpProblem.badRequest(invalid.field(), invalid.message());
    }
    ObjectNode document = ((ChannelConfiguration.Reading.Valid) reading).document();
    store.save(
        name,
        document.get("provider").asText(),
        ChannelConfiguration.masked(document),
        registry.box().seal(document.toString()));
    registry.changed();
    ctx.json(view(name));
  }

  private void delete(Context ctx) {
    String name = known(ctx);
    if (!store.delete(name)) {
      throw HttpProblem.notFound("channel " + name + " is not configured");
    }
    registry.changed();
    ctx.status(204);
  }

  private ChannelView view(String name) {
    List<String> providers = ChannelConfiguration.PROVIDERS.get(name);
    return store
        .find(name)
        .map(
            s ->
                new ChannelView(
                    name,
                    s.provider(),
                    registry.open(s).isPresent() ? "configured" : "unreadable",
                    s.shown(),
                    s.version(),
                    s.updatedAt(),
                    providers))
        .orElseGet(() -> new ChannelView(name, null, "sandbox", null, null, null, providers));
  }

  private static String known(Context ctx) {
    noQuery(ctx);
    String name = ctx.pathParam("name");
    if (!ChannelConfiguration.PROVIDERS.containsKey(name)) {
      if (name.equals("email")) {
        throw HttpProblem.badRequest(
            "name", "email is configured with the KAIROS_SMTP_* environment variables");
      }
      throw HttpProblem.notFound(
          "no channel "
              + name
              + "; channels: "
              + new TreeSet<>(ChannelConfiguration.PROVIDERS.keySet()));
    }
    return name;
  }

  private static void noQuery(Context ctx) {
    if (!ctx.queryParamMap().isEmpty()) {
      String name = ctx.queryParamMap().keySet().iterator().next();
      throw HttpProblem.badRequest(name, "unknown query parameter " + name);
    }
  }
}
