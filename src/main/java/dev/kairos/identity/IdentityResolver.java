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
 * event then belongs to the profile of its own {@code userId}. Profiles a {@link Separation} keeps
 * apart are never merged either (an operator undid their merge); the event belongs to the profile
 * it would have merged into, and the refusal is reported. Identifiers not yet known are attached to
 * the event's profile, except a second {@code userId} (another person's account), which is not
 * linked to anyone by that event. Where no profile carries more than one {@code userId}, the final
 * grouping does not depend on the order in which events arrive.
 */
public final class IdentityResolver {
  private final Map<Identifier, UUID> owners;
  private final Map<UUID, String> userIds;
  private final ProfileIds ids;
  private final List<Separation> separations;

  /**
   * @param owners the known owner of each identifier (modified as events are resolved), including
   *     the owners of the separations' identifiers
   * @param userIds the {@code userId} of each known profile that has one
   * @param separations the groups of identifiers operators keep apart
   */
  public IdentityResolver(
      Map<Identifier, UUID> owners,
      Map<UUID, String> userIds,
      ProfileIds ids,
      List<Separation> separations) {
    this.owners = owners;
    this.userIds = userIds;
    this.ids = ids;
    this.separations = List.copyOf(separations);
  }

  public static IdentityResolver empty(ProfileIds ids) {
    return new IdentityResolver(new HashMap<>(), new HashMap<>(), ids, List.of());
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
    List<Long> keptApart = new ArrayList<>();
    for (UUID other : known) {
      if (other.equals(target)) {
        continue;
      }
      String otherUser = userIds.get(other);
      if (otherUser != null && targetUser != null && !otherUser.equals(targetUser)) {
        continue;
      }
      Optional<Separation> separation = separating(other, target);
      if (separation.isPresent()) {
        keptApart.add(separation.get().id());
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
      if (!owners.containsKey(identifier) && !anotherUser(identifier, targetUser)) {
        owners.put(identifier, target);
        attached.add(identifier);
      }
    }
    if (targetUser != null) {
      userIds.put(target, targetUser);
    }
    return new Resolution(target, created, attached, merges, keptApart);
  }

  private Optional<Separation> separating(UUID a, UUID b) {
    for (Separation separation : separations) {
      if (separation.keepsApart(a, b, owners)) {
        return Optional.of(separation);
      }
    }
    return Optional.empty();
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

  /** A {@code userId} other than the profile's: another person's account, never attached to it. */
  private static boolean anotherUser(Identifier identifier, String targetUser) {
    return identifier.kind().equals(Identifier.USER_ID)
        && targetUser != null
        && !identifier.value().equals(targetUser);
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
