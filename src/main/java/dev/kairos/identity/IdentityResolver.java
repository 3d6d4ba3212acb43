package dev.kairos.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves events to profiles over a known part of the identity graph (the identifiers a batch of
 * events carries), updating it as it goes.
 *
 * <p>Rules: an event whose identifiers belong to several profiles merges them into one — the
 * profile owning the event's {@code userId}, otherwise the oldest. Two profiles with different
 * {@code userId}s are never merged (a shared browser or device must not fuse two customers); the
 * event then belongs to the profile of its own {@code userId}. Identifiers not yet known are
 * attached to the event's profile. Where no profile carries more than one {@code userId}, the final
 * grouping does not depend on the order in which events arrive.
 */
public final class IdentityResolver {
  private final Map<Identifier, UUID> owners;
  private final Map<UUID, String> userIds;
  private final ProfileIds ids;

  /**
   * @param owners the known owner of each identifier (modified as events are resolved)
   * @param userIds the {@code userId} of each known profile that has one
   */
  public IdentityResolver(Map<Identifier, UUID> owners, Map<UUID, String> userIds, ProfileIds ids) {
    this.owners = owners;
    this.userIds = userIds;
    this.ids = ids;
  }

  public static IdentityResolver empty(ProfileIds ids) {
    return new IdentityResolver(new HashMap<>(), new HashMap<>(), ids);
  }

  public Optional<UUID> owner(Identifier identifier) {
    return Optional.ofNullable(owners.get(identifier));
  }

  /** The {@code userId} of a profile this resolver knows (as given, or as resolved since). */
  public Optional<String> userId(UUID profileId) {
    return Optional.ofNullable(userIds.get(profileId));
  }

  public Resolution resolve(List<Identifier> identifiers) {
    String eventUser = userIdAmong(identifiers);
    Set<UUID> known = new LinkedHashSet<>();
    for (Identifier identifier : identifiers) {
      UUID owner = owners.get(identifier);
      if (owner != null) {
        known.add(owner);
      }
    }
    UUID target = target(known, eventUser);
    boolean created = target == null;
    if (created) {
      target = ids.next();
    }
    String targetUser = userIds.getOrDefault(target, eventUser);
    List<Resolution.Merge> merges = new ArrayList<>();
    for (UUID other : known) {
      if (other.equals(target)) {
        continue;
      }
      String otherUser = userIds.get(other);
      if (otherUser != null && targetUser != null && !otherUser.equals(targetUser)) {
        continue;
      }
      if (targetUser == null) {
        targetUser = otherUser;
      }
      merge(other, target);
      merges.add(new Resolution.Merge(target, other, reason(identifiers)));
    }
    List<Identifier> attached = new ArrayList<>();
    for (Identifier identifier : identifiers) {
      if (!owners.containsKey(identifier)) {
        owners.put(identifier, target);
        attached.add(identifier);
      }
    }
    if (targetUser != null) {
      userIds.put(target, targetUser);
    }
    return new Resolution(target, created, attached, merges);
  }

  private UUID target(Set<UUID> known, String eventUser) {
    if (eventUser != null) {
      UUID owner = owners.get(new Identifier(Identifier.USER_ID, eventUser));
      if (owner != null) {
        return owner;
      }
    }
    UUID oldest = null;
    for (UUID candidate : known) {
      String user = userIds.get(candidate);
      boolean compatible = user == null || eventUser == null || user.equals(eventUser);
      if (compatible && (oldest == null || ProfileIds.older(candidate, oldest))) {
        oldest = candidate;
      }
    }
    return oldest;
  }

  private void merge(UUID merged, UUID surviving) {
    owners.replaceAll((identifier, owner) -> owner.equals(merged) ? surviving : owner);
    userIds.remove(merged);
  }

  private static String userIdAmong(List<Identifier> identifiers) {
    for (Identifier identifier : identifiers) {
      if (identifier.kind().equals(Identifier.USER_ID)) {
        return identifier.value();
      }
    }
    return null;
  }

  private static String reason(List<Identifier> identifiers) {
    StringBuilder text = new StringBuilder("one event carried ");
    for (int i = 0; i < identifiers.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(identifiers.get(i));
    }
    return text.toString();
  }
}
