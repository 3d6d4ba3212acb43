package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.commerce.OrderBook;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.identity.store.IdentityStore;
import dev.kairos.identity.store.SeparationStore;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.PersonLocks;
import dev.kairos.platform.db.Sql;
import dev.kairos.profile.EventFacts;
import dev.kairos.profile.Profile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Operator actions on profiles: delete + suppress, and undoing a merge. Both lock the log cursor,
 * as the event processor does, so they never interleave with a group of events being applied.
 */
public final class ProfileMaintenance {

  /** What a deletion removed. */
  public record Deletion(UUID profileId, int identifiersSuppressed, int eventsDeleted) {}

  /** The outcome of undoing a merge. */
  public sealed interface UnmergeOutcome {
    /**
     * @param separationId the separation that keeps the two profiles' identifiers apart now
     */
    record Unmerged(
        UUID surviving, UUID restored, List<String> identifiersReturned, long separationId)
        implements UnmergeOutcome {}

    record NotFound() implements UnmergeOutcome {}

    record NotPossible(String reason) implements UnmergeOutcome {}
  }

  private final Database database;
  private final ProfileStore profiles;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final IdentifierRules rules;
  private final IdentityStore identity = new IdentityStore();
  private final SeparationStore separations = new SeparationStore();
  private final ProfileBehaviour behaviour = new ProfileBehaviour();

  public ProfileMaintenance(
      Database database,
      ProfileStore profiles,
      ObjectMapper mapper,
      Clock clock,
      IdentifierRules rules) {
    this.database = database;
    this.profiles = profiles;
    this.mapper = mapper;
    this.clock = clock;
    this.rules = rules;
  }

  /**
   * Deletes the person: profile (and profiles merged into it), identifiers and events (those
   * applied to it, and failed ones carrying its identifiers) are removed; the identifiers are
   * remembered as suppressed (SHA-256 only) so that events carrying them, whenever they are
   * applied, change no profile and are scrubbed ({@link SuppressedEvents}); separations naming the
   * identifiers go too; orders are kept for revenue reports with the person removed.
   */
  public Optional<Deletion> delete(UUID id) {
    return database.inTransaction(
        c -> {
          EventCursor.lockForChange(c);
          Optional<UUID> root = survivingId(c, id);
          if (root.isEmpty()) {
            return Optional.empty();
          }
          List<UUID> tree = ProfileTree.of(c, root.get());
          // an evaluation of them in flight commits first, and its rows are deleted below
          PersonLocks.lock(c, tree);
          var treeArray = Sql.uuids(c, tree);
          int suppressed;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into suppressed_identifiers (kind, value_sha256, reason, suppressed_at)"
                      + " select kind, encode(sha256(convert_to(value, 'UTF8')), 'hex'),"
                      + " 'deleted', ? from identifiers where profile_id = any(?::uuid[])"
                      + " on conflict do nothing")) {
            ps.setTimestamp(1, Sql.timestamp(clock.instant()));
            ps.setArray(2, treeArray);
            suppressed = ps.executeUpdate();
          }
          List<Identifier> theirs = identity.identifiersOf(c, tree);
          AddressSuppressionStore.deleted(c, theirs, clock.instant());
          int events = deleteFailedEventsOf(c, new HashSet<>(theirs));
          // their email typed on someone else's device stays in that event's payload no more
          UnlinkedIdentifiers.scrub(c, theirs, rules, mapper);
          separations.removeTouching(c, theirs);
          Sql.update(c, "delete from identifiers where profile_id = any(?::uuid[])", treeArray);
          events +=
              Sql.update(
                  c,
                  "delete from events where seq in (select seq from event_profiles"
                      + " where profile_id = any(?::uuid[]))",
                  treeArray);
          Sql.update(
              c, "delete from profile_timeline where profile_id = any(?::uuid[])", treeArray);
          Sql.update(
              c,
              "delete from profile_merges where surviving_profile_id = any(?::uuid[])"
                  + " or merged_profile_id = any(?::uuid[])",
              treeArray,
              treeArray);
          behaviour.delete(c, tree);
          // every other context's rows about the person (derived scores, segment memberships,
          // journey runs with their trace, messages with their attempts): every table with a
          // profile_id column, but orders and coupon codes, kept without the person
          PersonRows.erase(c, treeArray);
          Sql.update(c, "delete from profiles where id = any(?::uuid[])", treeArray);
          return Optional.of(new Deletion(root.get(), suppressed, events));
        });
  }

  /**
   * Deletes the events the processor could not apply (never linked to a profile) that carry one of
   * the person's identifiers, with their failure rows; returns how many. An event whose stored
   * payload cannot be read cannot be attributed and stays.
   */
  private int deleteFailedEventsOf(Connection c, Set<Identifier> identifiers) throws SQLException {
    List<Long> theirs = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "select f.seq, e.payload from event_failures f join events e on e.seq = f.seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          TrackedEvent event = TrackedEvent.fromStored(mapper, rs.getString(2));
          if (rules.of(event).stream().anyMatch(identifiers::contains)) {
            theirs.add(rs.getLong(1));
          }
        } catch (RuntimeException unreadable) {
          // not attributable to anyone
        }
      }
    }
    if (theirs.isEmpty()) {
      return 0;
    }
    var seqs = c.createArrayOf("bigint", theirs.toArray());
    Sql.update(c, "delete from event_failures where seq = any(?)", seqs);
    return Sql.update(c, "delete from events where seq = any(?)", seqs);
  }

  /**
   * Undoes a merge: the identifiers it moved go back to the merged profile (those still on the
   * surviving one), and both profiles are rebuilt from their own events.
   */
  public UnmergeOutcome unmerge(long mergeId) {
    return database.inTransaction(
        c -> {
          EventCursor.lockForChange(c);
          UUID surviving;
          UUID merged;
          List<String> moved = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select surviving_profile_id, merged_profile_id, identifiers, undone_at"
                      + " from profile_merges where id = ?")) {
            ps.setLong(1, mergeId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return new UnmergeOutcome.NotFound();
              }
              if (rs.getTimestamp("undone_at") != null) {
                return new UnmergeOutcome.NotPossible("merge " + mergeId + " was already undone");
              }
              surviving = rs.getObject(1, UUID.class);
              merged = rs.getObject(2, UUID.class);
              mapper.readTree(rs.getString(3)).forEach(n -> moved.add(n.asText()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              throw new IllegalStateException(e);
            }
          }
          Map<UUID, Profile> both = profiles.load(c, List.of(surviving, merged));
          if (both.get(merged) == null || !surviving.equals(both.get(merged).mergedInto())) {
            return new UnmergeOutcome.NotPossible(
                "profile " + merged + " is no longer merged into " + surviving);
          }
          if (both.get(surviving) == null || both.get(surviving).mergedInto() != null) {
            return new UnmergeOutcome.NotPossible(
                "profile "
                    + surviving
                    + " was itself merged into "
                    + (both.get(surviving) == null ? "another" : both.get(surviving).mergedInto())
                    + " later: undo that merge first");
          }
          List<String> returned = new ArrayList<>();
          for (String text : moved) {
            Identifier identifier = Identifier.parse(text).orElseThrow();
            int n =
                Sql.update(
                    c,
                    "update identifiers set profile_id = ? where kind = ? and value = ?"
                        + " and profile_id = ?",
                    merged,
                    identifier.kind(),
                    identifier.value(),
                    surviving);
            if (n > 0) {
              returned.add(text);
            }
          }
          Instant now = clock.instant();
          Sql.update(
              c,
              "update profile_merges set undone_at = ? where id = ?",
              Sql.timestamp(now),
              mergeId);
          Sql.update(c, "update profiles set merged_into = null where id = ?", merged);
          Profile restored = rebuild(c, both.get(merged), ProfileTree.of(c, merged), Set.of());
          List<UUID> mergedTree = ProfileTree.of(c, merged);
          Profile rebuilt =
              rebuild(
                  c, both.get(surviving), ProfileTree.of(c, surviving), new HashSet<>(mergedTree));
          profiles.save(c, List.of(restored, rebuilt), now);
          behaviour.rebuild(c, merged, mergedTree);
          List<UUID> survivingTree = new ArrayList<>(ProfileTree.of(c, surviving));
          survivingTree.removeAll(mergedTree);
          behaviour.rebuild(c, surviving, survivingTree);
          long separation =
              separations.create(
                  c,
                  mergeId,
                  identity.identifiersOf(c, mergedTree),
                  identity.identifiersOf(c, ProfileTree.of(c, surviving)),
                  now);
          return new UnmergeOutcome.Unmerged(surviving, merged, returned, separation);
        });
  }

  /**
   * Removes a separation: the next event linking its two sides merges them again. False when there
   * is no such separation.
   */
  public boolean removeSeparation(long id) {
    return database.inTransaction(
        c -> {
          EventCursor.lockForChange(c);
          return separations.remove(c, id);
        });
  }

  /** A profile recomputed by folding its events (and those of profiles still merged into it). */
  private Profile rebuild(Connection c, Profile old, List<UUID> tree, Set<UUID> excluded)
      throws SQLException {
    List<UUID> ids = new ArrayList<>(tree);
    ids.removeAll(excluded);
    Profile profile = new Profile(old.id(), old.createdAt());
    OrderBook orders = new OrderBook(List.of());
    Set<String> ownOrders = ordersPlacedBy(c, ids);
    Set<Identifier> own = new HashSet<>(identity.identifiersOf(c, ids));
    // the profile's own events, plus refunds and cancellations of its orders sent by anyone
    // (support), in the order they were applied — the same buyer rule as live ingest
    try (PreparedStatement ps =
        c.prepareStatement(
            "select payload, own from ("
                + " select e.seq, e.payload, true as own"
                + " from event_profiles l join events e on e.seq = l.seq"
                + " where l.profile_id = any(?::uuid[])"
                + " union all"
                + " select e.seq, e.payload, false from events e"
                + " join event_profiles l on l.seq = e.seq"
                + " where l.profile_id <> all(?::uuid[])"
                + " and e.event in ('Order Refunded', 'Order Cancelled')"
                + " and coalesce(e.payload::json->'properties'->>'order_id',"
                + " e.payload::json->'properties'->>'checkout_id') = any(?::text[])"
                + ") applied order by seq")) {
      ps.setArray(1, Sql.uuids(c, ids));
      ps.setArray(2, Sql.uuids(c, ids));
      ps.setArray(3, Sql.texts(c, ownOrders));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TrackedEvent stored = TrackedEvent.fromStored(mapper, rs.getString(1));
          List<Identifier> others = new ArrayList<>(rules.of(stored));
          others.removeAll(
              own); // a trait of another's (or a deleted person's) identifier: not ours
          EventFacts event = EventApplier.withoutTraitsOf(EventFacts.of(stored), others, rules);
          boolean ofOwnOrder =
              event.commerce().orderId() != null && ownOrders.contains(event.commerce().orderId());
          OrderBook.Change change =
              ofOwnOrder
                  ? EventApplier.orderChange(event.commerce(), orders, profile.id()).orElse(null)
                  : null;
          if (rs.getBoolean(2)) {
            profile.apply(event, change);
          } else if (change != null) {
            profile.applyOrderChange(change);
          }
        }
      }
    }
    if (old.suppressed()
        && !identity.suppressed(c, identity.identifiersOf(c, List.of(old.id()))).isEmpty()) {
      profile.suppress();
    }
    return profile;
  }

  private static Set<String> ordersPlacedBy(Connection c, List<UUID> profileIds)
      throws SQLException {
    return new HashSet<>(
        Sql.list(
            c,
            "select order_id from orders where profile_id = any(?::uuid[])",
            rs -> rs.getString(1),
            Sql.uuids(c, profileIds)));
  }

  private Optional<UUID> survivingId(Connection c, UUID id) throws SQLException {
    Optional<Profile> profile = profiles.find(c, id);
    int hops = 0;
    while (profile.isPresent() && profile.get().mergedInto() != null && hops++ < 1000) {
      profile = profiles.find(c, profile.get().mergedInto());
    }
    return profile.map(Profile::id);
  }
}
