package dev.kairos.profile.store;

import dev.kairos.commerce.CommerceEvents;
import dev.kairos.commerce.OrderBook;
import dev.kairos.commerce.Product;
import dev.kairos.commerce.store.CommerceStore;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.IdentifierRules;
import dev.kairos.identity.IdentityResolver;
import dev.kairos.identity.ProfileIds;
import dev.kairos.identity.Resolution;
import dev.kairos.identity.store.IdentityStore;
import dev.kairos.ingest.EventSink;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.ingest.store.EventLog;
import dev.kairos.platform.db.Database;
import dev.kairos.profile.Profile;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * Stores a group of events and applies them in one transaction: skips repeated {@code messageId}s,
 * resolves each event to a profile (merging where the event links profiles), updates the profiles,
 * orders and catalog, and appends the events to the log. Writers on all nodes take one advisory
 * lock, so events are applied one group at a time, in commit order.
 */
public final class EventApplier implements EventSink<EventApplier.Prepared> {

  /** An event with its identifiers, the order it names and the products it describes. */
  public record Prepared(
      TrackedEvent event,
      List<Identifier> identifiers,
      String orderId,
      List<Product> products,
      EventLog.Row row) {}

  private static final long APPLY_LOCK = 0x4b4149524f53L; // "KAIROS"

  private final Database database;
  private final IdentifierRules rules;
  private final ProfileStore profiles;
  private final IdentityStore identity = new IdentityStore();
  private final CommerceStore commerce = new CommerceStore();
  private final EventLog log = new EventLog();
  private final ProfileIds ids;
  private final Clock clock;
  private final String source;

  public EventApplier(
      Database database, IdentifierRules rules, ProfileStore profiles, Clock clock, String source) {
    this.database = database;
    this.rules = rules;
    this.profiles = profiles;
    this.ids = new ProfileIds(clock);
    this.clock = clock;
    this.source = source;
  }

  @Override
  public Prepared prepare(TrackedEvent event) {
    return new Prepared(
        event,
        rules.of(event),
        CommerceEvents.orderIdOf(event).orElse(null),
        CommerceEvents.products(event),
        EventLog.row(event));
  }

  @Override
  public boolean[] store(List<Prepared> events) {
    return database.inTransaction(c -> apply(c, events));
  }

  private boolean[] apply(Connection c, List<Prepared> events) throws SQLException {
    lock(c);
    boolean[] stored = new boolean[events.size()];
    List<Prepared> fresh = fresh(c, events, stored);
    if (fresh.isEmpty()) {
      return stored;
    }
    Instant now = clock.instant();
    Set<Identifier> all = new LinkedHashSet<>();
    Set<String> orderIds = new HashSet<>();
    for (Prepared prepared : fresh) {
      all.addAll(prepared.identifiers());
      if (prepared.orderId() != null) {
        orderIds.add(prepared.orderId());
      }
    }
    Map<Identifier, UUID> owners = identity.owners(c, all);
    Set<Identifier> unknown = new HashSet<>(all);
    unknown.removeAll(owners.keySet());
    Set<Identifier> suppressed = identity.suppressed(c, unknown);
    List<OrderBook.Entry> knownOrders = commerce.orders(c, orderIds);
    OrderBook orders = new OrderBook(knownOrders);
    Set<UUID> toLoad = new HashSet<>(owners.values());
    for (OrderBook.Entry order : knownOrders) {
      if (order.profileId() != null) {
        toLoad.add(order.profileId());
      }
    }
    Map<UUID, Profile> touched = new LinkedHashMap<>(profiles.load(c, toLoad));
    IdentityResolver resolver =
        new IdentityResolver(owners, identity.userIds(c, touched.keySet()), ids);
    Map<String, Product> products = new LinkedHashMap<>();
    List<UUID> eventProfiles = new ArrayList<>(fresh.size());
    List<EventLog.Row> rows = new ArrayList<>(fresh.size());
    List<Resolution.Merge> merges = new ArrayList<>();
    List<String> mergeMessages = new ArrayList<>();
    List<IdentityStore.Link> links = new ArrayList<>();
    // identifiers new in this group, by the profile they joined (so a merge later in the group
    // records them as moved, and an unmerge can give them back)
    Map<UUID, List<Identifier>> joined = new HashMap<>();
    List<List<Identifier>> mergeJoined = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      TrackedEvent event = fresh.get(i).event();
      rows.add(fresh.get(i).row());
      Resolution resolution = resolver.resolve(fresh.get(i).identifiers());
      Profile profile = touched.computeIfAbsent(resolution.profileId(), id -> new Profile(id, now));
      for (Resolution.Merge merge : resolution.merges()) {
        profile.absorb(touched.get(merge.merged()));
        merges.add(merge);
        mergeMessages.add(event.messageId());
        List<Identifier> moving = joined.getOrDefault(merge.merged(), List.of());
        mergeJoined.add(List.copyOf(moving));
        joined.computeIfAbsent(merge.surviving(), k -> new ArrayList<>()).addAll(moving);
        joined.remove(merge.merged());
      }
      for (Identifier attached : resolution.attached()) {
        joined.computeIfAbsent(resolution.profileId(), k -> new ArrayList<>()).add(attached);
        links.add(new IdentityStore.Link(attached, null, event.timestamp(), event.messageId()));
        if (suppressed.contains(attached)) {
          profile.suppress();
        }
      }
      OrderBook.Change change = orderChange(event, orders, profile.id()).orElse(null);
      Profile buyer = buyer(c, touched, profile, change, orders, fresh.get(i).orderId());
      profile.apply(event, buyer == profile ? change : null);
      if (buyer != profile) {
        buyer.applyOrderChange(change);
      }
      for (Product product : fresh.get(i).products()) {
        products.put(product.productId(), product);
      }
      eventProfiles.add(profile.id());
    }
    profiles.save(c, touched.values(), now);
    for (int i = 0; i < merges.size(); i++) {
      Resolution.Merge merge = merges.get(i);
      List<Identifier> moved = new ArrayList<>(identity.move(c, merge.merged(), merge.surviving()));
      moved.addAll(mergeJoined.get(i));
      identity.recordMerge(
          c, merge.surviving(), merge.merged(), mergeMessages.get(i), merge.reason(), moved, now);
    }
    identity.attach(c, finalOwners(links, resolver));
    commerce.save(c, orders.changed(), source, now);
    commerce.upsertProducts(c, products.values(), now);
    log.append(c, rows, eventProfiles);
    return stored;
  }

  /** Takes the lock that serialises applying events and operator actions across nodes. */
  static void lock(Connection c) throws SQLException {
    try (var ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
      ps.setLong(1, APPLY_LOCK);
      ps.execute();
    }
  }

  /** The events not stored before (marking them in {@code stored}), first of each messageId. */
  private List<Prepared> fresh(Connection c, List<Prepared> events, boolean[] stored)
      throws SQLException {
    List<String> messageIds = new ArrayList<>(events.size());
    for (Prepared prepared : events) {
      messageIds.add(prepared.event().messageId());
    }
    Set<String> seen = log.known(c, messageIds);
    List<Prepared> fresh = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (seen.add(events.get(i).event().messageId())) {
        stored[i] = true;
        fresh.add(events.get(i));
      }
    }
    return fresh;
  }

  static Optional<OrderBook.Change> orderChange(
      TrackedEvent event, OrderBook orders, UUID profileId) {
    if (event.isTrack(CommerceEvents.ORDER_COMPLETED)) {
      return CommerceEvents.order(event).flatMap(order -> orders.place(order, profileId));
    }
    if (event.isTrack(CommerceEvents.ORDER_REFUNDED)) {
      return CommerceEvents.orderIdOf(event)
          .flatMap(id -> orders.refund(id, CommerceEvents.refundAmount(event)));
    }
    if (event.isTrack(CommerceEvents.ORDER_CANCELLED)) {
      return CommerceEvents.orderIdOf(event).flatMap(orders::cancel);
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
        profile = profiles.load(c, List.of(id)).get(id);
        if (profile == null) {
          return sender;
        }
        touched.put(id, profile);
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
