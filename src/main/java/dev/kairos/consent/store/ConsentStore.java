package dev.kairos.consent.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.consent.ConsentRecord;
import dev.kairos.consent.MarketingConsent;
import dev.kairos.identity.Identifier;
import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.DatabaseException;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.ConsentChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Consent per person, channel and topic. The current answer is the profile's {@code consent} jsonb,
 * which the event processor alone writes; every decision is a {@value ConsentChange#EVENT} event,
 * so that one recorded here (the API, the preference centre, an unsubscribe) and one sent by the
 * shop's tracking take the same path: the profile's timeline, its history ({@code
 * consent_history}), merges (most restrictive wins), and segments re-evaluated.
 */
public final class ConsentStore {
  private static final List<String> HANDLES =
      List.of(Identifier.USER_ID, Identifier.ANONYMOUS_ID, Identifier.EMAIL, Identifier.PHONE);
  private static final Duration APPLY_WAIT = Duration.ofSeconds(10);

  private final Database database;
  private final GroupCommit<?> groupCommit;
  private final EventWatermark watermark;
  private final MarketingConsent rules;
  private final ObjectMapper mapper;
  private final Clock clock;

  public ConsentStore(
      Database database,
      GroupCommit<?> groupCommit,
      EventWatermark watermark,
      MarketingConsent rules,
      ObjectMapper mapper,
      Clock clock) {
    this.database = database;
    this.groupCommit = groupCommit;
    this.watermark = watermark;
    this.rules = rules;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** A person's consent now: the profile (merges followed) and its answers. */
  public record Current(UUID profileId, ObjectNode consent) {}

  /** What became of a decision to record. */
  public sealed interface Recorded {
    record Done(Current current) implements Recorded {}

    record NoSuchProfile() implements Recorded {}

    /** The profile has no identifier an event can name it by (only e.g. a WeChat openid). */
    record NoHandle() implements Recorded {}
  }

  public Optional<Current> current(UUID profileId) {
    return database.read(c -> current(c, profileId));
  }

  /** Why a message may not go to the person on this channel and topic, or empty when it may. */
  public Optional<String> refusal(UUID profileId, String channel, String topic) {
    Optional<Current> current = current(profileId);
    if (current.isEmpty()) {
      return Optional.of("no such profile (deleted, or never known)");
    }
    return rules.refusal(current.get().consent(), channel, topic);
  }

  /** Every decision recorded on the person and on the profiles merged into them, newest first. */
  public List<ConsentRecord> history(UUID profileId) {
    return database.read(
        c ->
            Sql.list(
                c,
                "with recursive tree(id) as (select ?::uuid union"
                    + " select p.id from profiles p join tree t on p.merged_into = t.id)"
                    + " select h.profile_id, channel, topic, status, legal_basis, source,"
                    + " recorded_at from consent_history h join tree t on h.profile_id = t.id"
                    + " order by recorded_at desc, h.id desc",
                rs ->
                    new ConsentRecord(
                        Sql.uuid(rs, "profile_id"),
                        rs.getString("channel"),
                        rs.getString("topic"),
                        rs.getString("status"),
                        rs.getString("legal_basis"),
                        rs.getString("source"),
                        Sql.instant(rs, "recorded_at")),
                profileId));
  }

  /**
   * Records decisions of one person as a {@value ConsentChange#EVENT} event per decision and waits
   * until they are applied; answers the consent then.
   */
  public Recorded record(UUID profileId, List<ConsentChange> changes) {
    Optional<UUID> surviving = database.read(c -> surviving(c, profileId));
    if (surviving.isEmpty()) {
      return new Recorded.NoSuchProfile();
    }
    Optional<Identifier> handle = database.read(c -> handle(c, surviving.get()));
    if (handle.isEmpty()) {
      return new Recorded.NoHandle();
    }
    Instant now = clock.instant();
    List<TrackedEvent> events =
        changes.stream().map(change -> event(surviving.get(), handle.get(), change, now)).toList();
    groupCommit.submit(events).join();
    try {
      watermark.awaitCaughtUp(APPLY_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return current(surviving.get())
        .<Recorded>map(Recorded.Done::new)
        .orElseGet(Recorded.NoSuchProfile::new);
  }

  private TrackedEvent event(UUID profileId, Identifier handle, ConsentChange change, Instant at) {
    ObjectNode payload = mapper.createObjectNode();
    payload.put("type", "track");
    payload.put("event", ConsentChange.EVENT);
    payload.put("messageId", "consent-" + UUID.randomUUID());
    ObjectNode context = payload.putObject("context");
    context.putObject("library").put("name", "kairos-consent");
    switch (handle.kind()) {
      case Identifier.USER_ID -> payload.put("userId", handle.value());
      case Identifier.ANONYMOUS_ID -> payload.put("anonymousId", handle.value());
      default -> context.putObject("traits").put(handle.kind(), handle.value());
    }
    ObjectNode properties = payload.putObject("properties");
    properties.put("channel", change.channel());
    properties.put("topic", change.topic());
    properties.put("status", change.status());
    properties.put("legal_basis", change.legalBasis());
    properties.put("source", change.source());
    properties.put("profile_id", profileId.toString());
    payload.put("timestamp", at.toString());
    payload.put("receivedAt", at.toString());
    return TrackedEvent.fromPayload(payload);
  }

  private Optional<Current> current(Connection c, UUID profileId) throws SQLException {
    Optional<UUID> surviving = surviving(c, profileId);
    if (surviving.isEmpty()) {
      return Optional.empty();
    }
    List<String> consent =
        Sql.list(
            c,
            "select consent::text from profiles where id = ?",
            rs -> rs.getString(1),
            surviving.get());
    return consent.isEmpty()
        ? Optional.empty()
        : Optional.of(new Current(surviving.get(), parse(consent.get(0))));
  }

  private ObjectNode parse(String json) {
    try {
      JsonNode node = mapper.readTree(json);
      return node instanceof ObjectNode object ? object : mapper.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new DatabaseException("a profile's consent is not JSON", e);
    }
  }

  /** The profile the id is now part of (merges followed), or empty when there is none. */
  static Optional<UUID> surviving(Connection c, UUID profileId) throws SQLException {
    UUID id = profileId;
    for (int hops = 0; hops < 1000; hops++) {
      List<UUID> into =
          Sql.list(
              c,
              "select merged_into from profiles where id = ?",
              rs -> Sql.uuid(rs, "merged_into"),
              id);
      if (into.isEmpty()) {
        return Optional.empty();
      }
      if (into.get(0) == null) {
        return Optional.of(id);
      }
      id = into.get(0);
    }
    return Optional.empty();
  }

  /** An identifier the profile owns that an event can name it by without merging anything. */
  private static Optional<Identifier> handle(Connection c, UUID profileId) throws SQLException {
    return Sql.list(
            c,
            "select kind, value from identifiers where profile_id = ? and kind = any(?::text[])"
                + " order by array_position(?::text[], kind), first_seen_at, value limit 1",
            rs -> new Identifier(rs.getString(1), rs.getString(2)),
            profileId,
            Sql.texts(c, HANDLES),
            Sql.texts(c, HANDLES))
        .stream()
        .findFirst();
  }
}
