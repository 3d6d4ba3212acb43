package dev.kairos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Events that carry two different people's {@code userId}s (a shared computer, staff logging in on
 * a kiosk, an alias between two accounts), and separations an operator recorded by undoing a merge:
 * whatever the order of arrival, no profile holds two {@code userId}s or both sides of a
 * separation, each event lands on the profile of its own {@code userId}, and identifiers are only
 * ever grouped with identifiers the events connect.
 */
class ConflictingUserIdProperties {

  /** Events of several people; some carry another person's userId too. */
  record Scenario(List<List<Identifier>> events, long shuffleSeed) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<Identifier>> ownEvent =
        Arbitraries.integers()
            .between(0, 4)
            .flatMap(
                person ->
                    Arbitraries.integers()
                        .between(0, 5)
                        .set()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(picks -> identifiers(person, picks)));
    Arbitrary<List<Identifier>> sharedEvent =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(1, 5).set().ofMaxSize(2))
            .as(
                (person, other, picks) -> {
                  List<Identifier> event = new ArrayList<>();
                  event.add(userId(person));
                  event.addAll(identifiers(person, picks));
                  if (other != person) {
                    event.add(userId(other)); // the other person's account, on the same call
                  }
                  return event;
                });
    Arbitrary<List<List<Identifier>>> events =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, ownEvent), net.jqwik.api.Tuple.of(1, sharedEvent))
            .list()
            .ofMinSize(1)
            .ofMaxSize(30);
    return Combinators.combine(events, Arbitraries.longs()).as(Scenario::new);
  }

  private static Identifier userId(int person) {
    return new Identifier(Identifier.USER_ID, "user-" + person);
  }

  /** Person p's identifiers: index 0 is their userId, 1 their email, 2..5 anonymous ids. */
  private static List<Identifier> identifiers(int person, Set<Integer> picks) {
    List<Identifier> identifiers = new ArrayList<>();
    for (int pick : picks.stream().sorted().toList()) {
      identifiers.add(
          switch (pick) {
            case 0 -> userId(person);
            case 1 -> new Identifier(Identifier.EMAIL, "p" + person + "@example.com");
            default -> new Identifier(Identifier.ANONYMOUS_ID, "anon-" + person + "-" + pick);
          });
    }
    return identifiers;
  }

  private static IdentityResolver resolver(Map<Identifier, UUID> owners, List<Separation> apart) {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    return new IdentityResolver(owners, new HashMap<>(), new ProfileIds(clock), apart);
  }

  @Property(tries = 500)
  void no_profile_ever_holds_two_user_ids_in_any_arrival_order(
      @ForAll("scenarios") Scenario scenario) {
    List<List<Identifier>> events = new ArrayList<>(scenario.events());
    Collections.shuffle(events, new Random(scenario.shuffleSeed()));
    Map<Identifier, UUID> owners = new HashMap<>();
    IdentityResolver resolver = resolver(owners, List.of());
    for (List<Identifier> event : events) {
      resolver.resolve(event);
      Map<UUID, Set<String>> userIds = new HashMap<>();
      owners.forEach(
          (identifier, owner) -> {
            if (identifier.kind().equals(Identifier.USER_ID)) {
              userIds.computeIfAbsent(owner, k -> new HashSet<>()).add(identifier.value());
            }
          });
      assertThat(userIds.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    }
  }

  @Property(tries = 500)
  void each_event_lands_on_the_profile_of_its_own_user_id(@ForAll("scenarios") Scenario scenario) {
    IdentityResolver resolver = resolver(new HashMap<>(), List.of());
    for (List<Identifier> event : scenario.events()) {
      Resolution resolution = resolver.resolve(event);
      Identifier own =
          event.stream().filter(i -> i.kind().equals(Identifier.USER_ID)).findFirst().orElse(null);
      if (own != null) {
        assertThat(resolver.owner(own)).contains(resolution.profileId());
      }
      // every identifier the event carries has an owner; the unknown ones are the event's profile
      for (Identifier identifier : resolution.attached()) {
        assertThat(resolver.owner(identifier)).contains(resolution.profileId());
      }
    }
  }

  @Property(tries = 500)
  void identifiers_are_grouped_only_with_identifiers_the_events_connect(
      @ForAll("scenarios") Scenario scenario) {
    List<List<Identifier>> events = new ArrayList<>(scenario.events());
    Collections.shuffle(events, new Random(scenario.shuffleSeed()));
    Map<Identifier, UUID> owners = new HashMap<>();
    IdentityResolver resolver = resolver(owners, List.of());
    events.forEach(resolver::resolve);
    Map<Identifier, Integer> component = components(events);
    Map<UUID, Set<Integer>> componentsOfProfile = new HashMap<>();
    owners.forEach(
        (identifier, owner) ->
            componentsOfProfile
                .computeIfAbsent(owner, k -> new HashSet<>())
                .add(component.get(identifier)));
    assertThat(componentsOfProfile.values()).allSatisfy(c -> assertThat(c).hasSize(1));
  }

  @Property(tries = 500)
  void identifiers_an_operator_separated_never_share_a_profile_again(
      @ForAll("scenarios") Scenario scenario) {
    // person 0's userId and email were wrongly merged with person 1's devices, then separated
    UUID left = UUID.fromString("00000000-0000-7000-8000-000000000001");
    UUID right = UUID.fromString("00000000-0000-7000-8000-000000000002");
    Set<Identifier> first = Set.of(userId(0), new Identifier(Identifier.EMAIL, "p0@example.com"));
    Set<Identifier> second =
        Set.of(
            new Identifier(Identifier.ANONYMOUS_ID, "anon-1-2"),
            new Identifier(Identifier.ANONYMOUS_ID, "anon-1-3"));
    Map<Identifier, UUID> owners = new HashMap<>();
    first.forEach(i -> owners.put(i, left));
    second.forEach(i -> owners.put(i, right));
    IdentityResolver resolver = resolver(owners, List.of(new Separation(7, first, second)));
    List<List<Identifier>> events = new ArrayList<>(scenario.events());
    // the links the operator undid, sent again in the middle of the traffic
    events.add(events.size() / 2, List.of(userId(0), second.iterator().next()));
    events.add(
        List.of(new Identifier(Identifier.EMAIL, "p0@example.com"), second.iterator().next()));
    Collections.shuffle(events, new Random(scenario.shuffleSeed()));
    for (List<Identifier> event : events) {
      resolver.resolve(event);
      Set<UUID> firstOwners = new HashSet<>();
      first.forEach(i -> resolver.owner(i).ifPresent(firstOwners::add));
      for (Identifier identifier : second) {
        assertThat(firstOwners).doesNotContain(resolver.owner(identifier).orElseThrow());
      }
    }
  }

  @Example
  void a_link_an_operator_undid_is_refused_and_reported() {
    UUID hal = UUID.fromString("00000000-0000-7000-8000-000000000001");
    UUID kiosk = UUID.fromString("00000000-0000-7000-8000-000000000002");
    Identifier halUser = userId(0);
    Identifier kioskDevice = new Identifier(Identifier.ANONYMOUS_ID, "kiosk");
    Map<Identifier, UUID> owners = new HashMap<>(Map.of(halUser, hal, kioskDevice, kiosk));
    IdentityResolver resolver =
        resolver(owners, List.of(new Separation(7, Set.of(halUser), Set.of(kioskDevice))));
    Resolution resolution = resolver.resolve(List.of(halUser, kioskDevice));
    assertThat(resolution.profileId()).isEqualTo(hal);
    assertThat(resolution.merges()).isEmpty();
    assertThat(resolution.keptApart()).containsExactly(7L);
    assertThat(resolver.owner(kioskDevice)).contains(kiosk);
  }

  /** Union-find over identifiers that appear together in an event: each one's component. */
  private static Map<Identifier, Integer> components(List<List<Identifier>> events) {
    Map<Identifier, Identifier> parent = new HashMap<>();
    for (List<Identifier> event : events) {
      for (Identifier identifier : event) {
        parent.putIfAbsent(identifier, identifier);
      }
      for (int i = 1; i < event.size(); i++) {
        parent.put(root(parent, event.get(i)), root(parent, event.get(0)));
      }
    }
    Map<Identifier, Integer> numbers = new HashMap<>();
    Map<Identifier, Integer> component = new HashMap<>();
    for (Identifier identifier : parent.keySet()) {
      Identifier root = root(parent, identifier);
      component.put(identifier, numbers.computeIfAbsent(root, r -> numbers.size()));
    }
    return component;
  }

  private static Identifier root(Map<Identifier, Identifier> parent, Identifier identifier) {
    Identifier root = identifier;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    return root;
  }
}
