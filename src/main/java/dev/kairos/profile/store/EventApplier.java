package dev.kairos.profile.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.commerce.CommerceEvents;
import dev.kairos.commerce.CommerceFacts;
import dev.kairos.commerce.OrderBook;
import dev.kairos.commerce.Product;
import dev.kairos.commerce.store.CommerceStore;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.identity.IdentityResolver;
import dev.kairos.identity.ProfileIds;
import dev.kairos.identity.Resolution;
import dev.kairos.identity.Separation;
import dev.kairos.identity.store.IdentityStore;
import dev.kairos.identity.store.SeparationStore;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.profile.AppliedEvents;
import dev.kairos.profile.EventFacts;
import dev.kairos.profile.Profile;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a group of events from the log, in {@code seq} order, in the caller's transaction:
 * resolves each event to a profile (merging where the event links profiles), updates the profiles,
 * orders and catalog, and links each event to its profile. Only the processor holding the log
 * cursor calls it, so groups are applied one at a time, in log order, across nodes.
 *
 * <p>An event carrying a suppressed identifier (its person was deleted) changes no profile: it is
 * scrubbed (see {@link SuppressedEvents}); an order it places is kept without a person. An event
 * naming nobody (a scrubbed one, read back from the log) is passed over.
 */
public final class EventApplier {

  /**
   * An event as the processor keeps it until applied: what it says about its person (the order it
   * names included), its identifiers and the products it describes. Not the parsed tree: under load
   * the processor holds thousands of these, and a tree of some fifty small objects per event,
   * copied by every young collection while it waited, made the garbage collector the largest user
   * of CPU after PostgreSQL. Not the JSON either: parsing it again on the processor's one thread
   * cost more than taking these few facts out on the request thread, where the tree is at hand.
   */
  public record Prepared(EventFacts facts, List<Identifier> identifiers, List<Product> products) {

    public Instant timestamp() {
      return facts.timestamp();
    }

    /** The order an {@code Order Completed}, {@code Refunded} or {@code Cancelled} names. */
    String orderId() {
      return facts.commerce().orderId();
    }
  }

  /** A prepared event and its place in the log. */
  public record Logged(long seq, Prepared prepared) {}

  private final IdentifierRules rules;
  private final ProfileStore profiles;
  private final IdentityStore identity = new IdentityStore();
  private final SeparationStore separationStore = new SeparationStore();
  private final CommerceStore commerce = new CommerceStore();
  private final ProfileTimeline timeline = new ProfileTimeline();
  private final ProfileBehaviour behaviour = new ProfileBehaviour();
  private final ProfileIds ids;
  private final Clock clock;
  private final String source;

  public EventApplier(IdentifierRules rules, ProfileStore profiles, Clock clock, String source) {
    this.rules = rules;
    this.profiles = profiles;
    this.ids = new ProfileIds(clock);
    this.clock = clock;
    this.source = source;
  }

  /** The part of applying an event that needs no lock and no connection; runs on any thread. */
  public Prepared prepare(TrackedEvent event) {
    return new Prepared(EventFacts.of(event), rules.of(event), CommerceEvents.products(event));
  }

  /**
   * Applies the events using (and keeping up to date) the processor's cache; the caller empties the
   * cache when the transaction does not commit. Returns what the group changed, for listeners.
   */
  AppliedEvents apply(Connection c, List<Logged> events, ProcessorCache cache) throws SQLException {
    Instant now = clock.instant();
    Set<Identifier> all = new LinkedHashSet<>();
    Set<String> orderIds = new HashSet<>();
    for (Logged logged : events) {
      all.addAll(logged.prepared().identifiers());
      if (logged.prepared().orderId() != null) {
        orderIds.add(logged.prepared().orderId());
      }
    }
    List<Separation> separations = separations(c, cache);
    // the owners of the separations' identifiers tell which profiles they keep apart
    Set<Identifier> lookup = separations.isEmpty() ? all : new LinkedHashSet<>(all);
    for (Separation separation : separations) {
      lookup.addAll(separation.first());
      lookup.addAll(separation.second());
    }
    Map<Identifier, UUID> owners = new HashMap<>();
    List<Identifier> uncached = new ArrayList<>();
    for (Identifier identifier : lookup) {
      UUID owner = cache.owner(identifier);
      if (owner != null) {
        owners.put(identifier, owner);
      } else {
        uncached.add(identifier);
      }
    }
    Map<Identifier, UUID> stored = identity.owners(c, uncached);
    owners.putAll(stored);
    Set<Identifier> unknown = new HashSet<>(uncached);
    unknown.removeAll(stored.keySet());
    SuppressedEvents suppressed = new SuppressedEvents(identity.suppressed(c, unknown));
    List<OrderBook.Entry> knownOrders = commerce.orders(c, orderIds);
    OrderBook orders = new OrderBook(knownOrders);
    Set<UUID> toLoad = new HashSet<>(owners.values());
    for (OrderBook.Entry order : knownOrders) {
      if (order.profileId() != null) {
        toLoad.add(order.profileId());
      }
    }
    Map<UUID, Profile> touched = new LinkedHashMap<>();
    load(c, toLoad, touched, cache);
    IdentityResolver resolver =
        new IdentityResolver(owners, userIds(c, touched, cache), ids, separations);
    // the profiles whose userId the resolver knows (not those loaded later only as buyers)
    Set<UUID> resolved = new HashSet<>(touched.keySet());
    Map<String, Product> products = new LinkedHashMap<>();
    List<UUID> eventProfiles = new ArrayList<>(events.size());
    List<Resolution.Merge> merges = new ArrayList<>();
    List<String> mergeMessages = new ArrayList<>();
    List<IdentityStore.Link> attached = new ArrayList<>();
    // identifiers new in this group, by the profile they joined (so a merge later in the group
    // records them as moved, and an unmerge can give them back)
    Map<UUID, List<Identifier>> joined = new HashMap<>();
    List<List<Identifier>> mergeJoined = new ArrayList<>();
    List<SeparationStore.Refusal> refusals = new ArrayList<>();
    UnlinkedIdentifiers unlinked = new UnlinkedIdentifiers();
    for (Logged logged : events) {
      Prepared prepared = logged.prepared();
      EventFacts event = prepared.facts();
      for (Product product : prepared.products()) {
        products.put(product.productId(), product);
      }
      if (prepared.identifiers().isEmpty()) {
        eventProfiles.add(null); // scrubbed: it names nobody
        continue;
      }
      if (suppressed.carriedBy(prepared.identifiers())) {
        suppressed.scrub(logged.seq(), prepared.identifiers(), resolver);
        OrderBook.Change change = orderChange(event.commerce(), orders, null).orElse(null);
        Profile buyer = buyer(c, touched, cache, null, change, orders, prepared.orderId());
        if (buyer != null) {
          buyer.applyOrderChange(change); // a refund of someone else's order stays theirs
        }
        eventProfiles.add(null);
        continue;
      }
      Resolution resolution = resolver.resolve(prepared.identifiers());
      for (long separation : resolution.keptApart()) {
        refusals.add(new SeparationStore.Refusal(separation, event.messageId(), now));
      }
      Profile profile = touched.computeIfAbsent(resolution.profileId(), id -> new Profile(id, now));
      resolved.add(profile.id());
      for (Resolution.Merge merge : resolution.merges()) {
        profile.absorb(touched.get(merge.merged()));
        merges.add(merge);
        mergeMessages.add(event.messageId());
        List<Identifier> moving = joined.getOrDefault(merge.merged(), List.of());
        mergeJoined.add(List.copyOf(moving));
        joined.computeIfAbsent(merge.surviving(), k -> new ArrayList<>()).addAll(moving);
        joined.remove(merge.merged());
      }
      for (Identifier identifier : resolution.attached()) {
        joined.computeIfAbsent(resolution.profileId(), k -> new ArrayList<>()).add(identifier);
        attached.add(
            new IdentityStore.Link(identifier, null, event.timestamp(), event.messageId()));
      }
      OrderBook.Change change = orderChange(event.commerce(), orders, profile.id()).orElse(null);
      Profile buyer = buyer(c, touched, cache, profile, change, orders, prepared.orderId());
      profile.apply(
          withoutOthersTraits(logged, resolver, profile.id(), unlinked),
          buyer == profile ? change : null);
      if (buyer != profile) {
        buyer.applyOrderChange(change);
      }
      eventProfiles.add(profile.id());
    }
    profiles.save(c, touched.values(), now);
    behaviour.count(c, events, eventProfiles);
    for (int i = 0; i < merges.size(); i++) {
      Resolution.Merge merge = merges.get(i);
      behaviour.move(c, merge.merged(), merge.surviving());
      List<Identifier> moved = new ArrayList<>(identity.move(c, merge.merged(), merge.surviving()));
      moved.addAll(mergeJoined.get(i));
      identity.recordMerge(
          c, merge.surviving(), merge.merged(), mergeMessages.get(i), merge.reason(), moved, now);
      cache.merged(merge.merged(), merge.surviving());
    }
    identity.attach(c, finalOwners(attached, resolver));
    suppressed.write(c, now);
    unlinked.write(c);
    separationStore.refused(c, refusals);
    commerce.save(c, orders.changed(), source, now);
    List<Product> changedProducts = new ArrayList<>();
    for (Product product : products.values()) {
      if (!cache.written(product)) {
        changedProducts.add(product);
        cache.wrote(product);
      }
    }
    commerce.upsertProducts(c, changedProducts, now);
    timeline.link(c, events, eventProfiles);
    ConsentHistory.record(c, events, eventProfiles);
    for (Identifier identifier : all) {
      resolver.owner(identifier).ifPresent(owner -> cache.rememberOwner(identifier, owner));
    }
    cache.profiles(touched);
    for (UUID id : resolved) {
      if (touched.get(id).mergedInto() == null) {
        cache.userId(id, resolver.userId(id).orElse(null));
      }
    }
    return applied(events, eventProfiles, touched, now);
  }

  /**
   * The event without the traits that carry an identifier it did not link to its profile (kept
   * apart by a separation, or another person's): that value stays with its owner only, so deleting
   * the owner leaves none of it on this profile. Such identifiers are remembered with the event
   * ({@link UnlinkedIdentifiers}), so that deleting their owner removes them from its payload.
   */
  private EventFacts withoutOthersTraits(
      Logged logged, IdentityResolver resolver, UUID profileId, UnlinkedIdentifiers unlinked) {
    List<Identifier> others = new ArrayList<>();
    for (Identifier identifier : logged.prepared().identifiers()) {
      if (!profileId.equals(resolver.owner(identifier).orElse(profileId))) {
        others.add(identifier);
        unlinked.add(logged.seq(), identifier);
      }
    }
    return withoutTraitsOf(logged.prepared().facts(), others, rules);
  }

  /** The event without the traits the identifiers {@code others} are read from. */
  static EventFacts withoutTraitsOf(
      EventFacts event, Collection<Identifier> others, IdentifierRules rules) {
    if (others.isEmpty() || event.traits() == null || !event.traits().isObject()) {
      return event;
    }
    ObjectNode traits = null;
    for (Identifier identifier : others) {
      String trait = rules.trait(identifier.kind()).orElse(null);
      if (trait != null && event.traits().has(trait)) {
        traits = traits == null ? ((ObjectNode) event.traits()).deepCopy() : traits;
        traits.remove(trait);
      }
    }
    return traits == null
        ? event
        : new EventFacts(
            event.messageId(),
            event.type(),
            event.timestamp(),
            event.seen(),
            traits,
            event.timeZone(),
            event.commerce(),
            event.consent());
  }

  /** Each event with the profile it belongs to after the group's merges. */
  private static AppliedEvents applied(
      List<Logged> events, List<UUID> eventProfiles, Map<UUID, Profile> touched, Instant now) {
    Set<UUID> surviving = new LinkedHashSet<>();
    Set<UUID> created = new HashSet<>();
    Map<UUID, UUID> merges = new HashMap<>();
    for (Profile profile : touched.values()) {
      if (profile.mergedInto() == null) {
        surviving.add(profile.id());
        if (now.equals(profile.createdAt())) {
          created.add(profile.id()); // (or created earlier at the same instant: evaluated anyway)
        }
      } else {
        merges.put(profile.id(), survivor(profile.id(), touched));
      }
    }
    List<AppliedEvents.Applied> applied = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      applied.add(
          new AppliedEvents.Applied(
              events.get(i).seq(),
              survivor(eventProfiles.get(i), touched),
              events.get(i).prepared().facts()));
    }
    return new AppliedEvents(applied, surviving, created, merges);
  }

  /** The profile {@code id} is part of after the group's merges. */
  private static UUID survivor(UUID id, Map<UUID, Profile> touched) {
    for (int hops = 0; hops < 1000; hops++) {
      Profile profile = touched.get(id);
      if (profile == null || profile.mergedInto() == null) {
        return id;
      }
      id = profile.mergedInto();
    }
    return id;
  }

  private List<Separation> separations(Connection c, ProcessorCache cache) throws SQLException {
    List<Separation> separations = cache.separations();
    if (separations == null) {
      separations = separationStore.all(c);
      cache.separations(separations);
    }
    return separations;
  }

  /**
   * Scrubs an event the processor could not apply when it carries a suppressed identifier, so that
   * {@code event_failures} keeps nothing readable of a deleted person either; true when it did.
   */
  boolean scrubIfSuppressed(Connection c, long seq, TrackedEvent event) throws SQLException {
    if (identity.suppressed(c, rules.of(event)).isEmpty()) {
      return false;
    }
    SuppressedEvents.scrub(c, List.of(seq));
    return true;
  }

  /** Puts the profiles into {@code touched}, from the cache where it has them. */
  private void load(
      Connection c, Collection<UUID> ids, Map<UUID, Profile> touched, ProcessorCache cache)
      throws SQLException {
    List<UUID> uncached = new ArrayList<>();
    for (UUID id : ids) {
      Profile cached = cache.profile(id);
      if (cached != null) {
        touched.put(id, cached);
      } else {
        uncached.add(id);
      }
    }
    touched.putAll(profiles.load(c, uncached));
  }

  /** The {@code userId} of each of the profiles that has one, from the cache where it has them. */
  private Map<UUID, String> userIds(Connection c, Map<UUID, Profile> touched, ProcessorCache cache)
      throws SQLException {
    Map<UUID, String> userIds = new HashMap<>();
    List<UUID> uncached = new ArrayList<>();
    for (UUID id : touched.keySet()) {
      Optional<String> cached = cache.userId(id);
      if (cached == null) {
        uncached.add(id);
      } else {
        cached.ifPresent(userId -> userIds.put(id, userId));
      }
    }
    userIds.putAll(identity.userIds(c, uncached));
    return userIds;
  }

  static Optional<OrderBook.Change> orderChange(
      CommerceFacts event, OrderBook orders, UUID profileId) {
    if (event.is(CommerceEvents.ORDER_COMPLETED) && event.order() != null) {
      return orders.place(event.order(), profileId);
    }
    if (event.is(CommerceEvents.ORDER_REFUNDED) && event.orderId() != null) {
      return orders.refund(event.orderId(), Optional.ofNullable(event.refund()));
    }
    if (event.is(CommerceEvents.ORDER_CANCELLED) && event.orderId() != null) {
      return orders.cancel(event.orderId());
    }
    return Optional.empty();
  }

  /**
   * Whose aggregates a refund or cancellation changes: the person who placed the order (as merged
   * since), not whoever sent the event — support may refund on a customer's behalf.
   */
  private Profile buyer(
      Connection c,
      Map<UUID, Profile> touched,
      ProcessorCache cache,
      Profile sender,
      OrderBook.Change change,
      OrderBook orders,
      String orderId)
      throws SQLException {
    if (change == null || change instanceof OrderBook.Change.Placed || orderId == null) {
      return sender;
    }
    Optional<UUID> owner = orders.owner(orderId);
    UUID id = owner.orElse(null);
    for (int hops = 0; id != null && hops < 1000; hops++) {
      Profile profile = touched.get(id);
      if (profile == null) {
        load(c, List.of(id), touched, cache);
        profile = touched.get(id);
        if (profile == null) {
          return sender;
        }
      }
      if (profile.mergedInto() == null) {
        return profile;
      }
      id = profile.mergedInto();
    }
    return sender;
  }

  /** New identifiers go to the profile that owns them after the whole group (merges included). */
  private static List<IdentityStore.Link> finalOwners(
      List<IdentityStore.Link> links, IdentityResolver resolver) {
    Map<Identifier, IdentityStore.Link> unique = new HashMap<>();
    for (IdentityStore.Link link : links) {
      UUID owner = resolver.owner(link.identifier()).orElseThrow();
      unique.putIfAbsent(
          link.identifier(),
          new IdentityStore.Link(link.identifier(), owner, link.at(), link.messageId()));
    }
    return new ArrayList<>(unique.values());
  }
}
