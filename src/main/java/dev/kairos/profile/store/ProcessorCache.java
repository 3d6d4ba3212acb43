package dev.kairos.profile.store;

import dev.kairos.commerce.Product;
import dev.kairos.identity.Identifier;
import dev.kairos.identity.Separation;
import dev.kairos.profile.Profile;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the processor knows of the tables it alone writes while it holds the log cursor: profiles,
 * identifier owners, each profile's {@code userId}, and the catalog entries it last wrote. A cache
 * only: the tables stay the truth. It is valid for one position of the cursor ({@code appliedSeq},
 * {@code epoch}); when the cursor moved without this processor (another node applied events, an
 * operator unmerged or deleted a profile) or a group failed, it is emptied.
 */
final class ProcessorCache {
  private final int capacity;
  private final Map<UUID, Profile> profiles;
  private final Map<Identifier, UUID> owners;
  private final Map<UUID, Optional<String>> userIds;
  private final Map<String, Product> products;

  /** Every separation (they change only under an operator's action, which moves the epoch on). */
  private List<Separation> separations;

  /** Profiles merged while the cache was valid, to the profile they were merged into. */
  private final Map<UUID, UUID> mergedInto = new HashMap<>();

  private long appliedSeq = -1;
  private long epoch = -1;

  ProcessorCache(int capacity) {
    this.capacity = capacity;
    this.profiles = lru(capacity);
    this.owners = lru(capacity * 3);
    this.userIds = lru(capacity);
    this.products = lru(capacity);
  }

  /** Whether the cache still describes the tables at this cursor position. */
  boolean validAt(long appliedSeq, long epoch) {
    return this.appliedSeq == appliedSeq && this.epoch == epoch;
  }

  void clear() {
    profiles.clear();
    owners.clear();
    userIds.clear();
    products.clear();
    mergedInto.clear();
    separations = null;
    appliedSeq = -1;
    epoch = -1;
  }

  /** The tables now match the cache at this cursor position (after a commit). */
  void committedAt(long appliedSeq, long epoch) {
    this.appliedSeq = appliedSeq;
    this.epoch = epoch;
    if (mergedInto.size() > capacity) {
      // owners may point at merged profiles: without the redirects they would be wrong
      clear();
    }
  }

  /** The identifier's owner, following merges, or null when not cached. */
  UUID owner(Identifier identifier) {
    UUID owner = owners.get(identifier);
    for (int hops = 0; owner != null && mergedInto.containsKey(owner) && hops < 1000; hops++) {
      owner = mergedInto.get(owner);
    }
    return owner;
  }

  void rememberOwner(Identifier identifier, UUID owner) {
    owners.put(identifier, owner);
  }

  void merged(UUID merged, UUID surviving) {
    mergedInto.put(merged, surviving);
    userIds.remove(merged);
  }

  Profile profile(UUID id) {
    return profiles.get(id);
  }

  void profiles(Map<UUID, Profile> touched) {
    profiles.putAll(touched);
  }

  /** The profile's {@code userId} (empty: none), or null when not cached. */
  Optional<String> userId(UUID profileId) {
    return userIds.get(profileId);
  }

  void userId(UUID profileId, String userId) {
    userIds.put(profileId, Optional.ofNullable(userId));
  }

  /** Every separation, or null when not cached. */
  List<Separation> separations() {
    return separations;
  }

  void separations(List<Separation> separations) {
    this.separations = separations;
  }

  /** Whether this catalog entry is what was last written for its product. */
  boolean written(Product product) {
    return product.equals(products.get(product.productId()));
  }

  void wrote(Product product) {
    products.put(product.productId(), product);
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
