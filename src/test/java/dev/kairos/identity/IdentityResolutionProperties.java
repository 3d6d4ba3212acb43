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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The grouping of identifiers into profiles does not depend on the order events arrive in. */
class IdentityResolutionProperties {

  /** Events of several people; each event carries some of one person's identifiers. */
  record Scenario(List<List<Identifier>> events, long shuffleSeed) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<List<List<Identifier>>> events =
        Arbitraries.integers()
            .between(1, 6)
            .flatMap(
                people ->
                    Combinators.combine(
                            Arbitraries.integers().between(0, people - 1),
                            Arbitraries.integers().between(0, 5).set().ofMinSize(1).ofMaxSize(3))
                        .as((person, picks) -> event(person, picks))
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(25));
    return Combinators.combine(events, Arbitraries.longs()).as(Scenario::new);
  }

  /** Person p's identifiers: index 0 is their userId, 1 their email, 2..5 anonymous ids. */
  private static List<Identifier> event(int person, Set<Integer> picks) {
    List<Identifier> identifiers = new ArrayList<>();
    for (int pick : picks) {
      identifiers.add(
          switch (pick) {
            case 0 -> new Identifier(Identifier.USER_ID, "user-" + person);
            case 1 -> new Identifier(Identifier.EMAIL, "p" + person + "@example.com");
            default -> new Identifier(Identifier.ANONYMOUS_ID, "anon-" + person + "-" + pick);
          });
    }
    identifiers.sort(
        (a, b) ->
            a.kind().equals(Identifier.USER_ID) ? -1 : b.kind().equals(Identifier.USER_ID) ? 1 : 0);
    return identifiers;
  }

  @Property(tries = 300)
  void grouping_is_the_same_in_any_arrival_order(@ForAll("scenarios") Scenario scenario) {
    List<List<Identifier>> shuffled = new ArrayList<>(scenario.events());
    Collections.shuffle(shuffled, new Random(scenario.shuffleSeed()));
    assertThat(grouping(shuffled)).isEqualTo(grouping(scenario.events()));
  }

  @Property(tries = 300)
  void grouping_is_the_connected_components_of_the_events(@ForAll("scenarios") Scenario scenario) {
    assertThat(grouping(scenario.events())).isEqualTo(components(scenario.events()));
  }

  private static Set<Set<Identifier>> grouping(List<List<Identifier>> events) {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    IdentityResolver resolver = IdentityResolver.empty(new ProfileIds(clock));
    Set<Identifier> all = new HashSet<>();
    for (List<Identifier> event : events) {
      resolver.resolve(event);
      all.addAll(event);
    }
    Map<UUID, Set<Identifier>> groups = new HashMap<>();
    for (Identifier identifier : all) {
      groups
          .computeIfAbsent(resolver.owner(identifier).orElseThrow(), k -> new HashSet<>())
          .add(identifier);
    }
    return new HashSet<>(groups.values());
  }

  /** Union-find over identifiers that appear together in an event: the expected grouping. */
  private static Set<Set<Identifier>> components(List<List<Identifier>> events) {
    Map<Identifier, Identifier> parent = new HashMap<>();
    for (List<Identifier> event : events) {
      for (Identifier identifier : event) {
        parent.putIfAbsent(identifier, identifier);
      }
      for (int i = 1; i < event.size(); i++) {
        parent.put(root(parent, event.get(i)), root(parent, event.get(0)));
      }
    }
    Map<Identifier, Set<Identifier>> groups = new HashMap<>();
    for (Identifier identifier : parent.keySet()) {
      groups.computeIfAbsent(root(parent, identifier), k -> new HashSet<>()).add(identifier);
    }
    return new HashSet<>(groups.values());
  }

  private static Identifier root(Map<Identifier, Identifier> parent, Identifier identifier) {
    Identifier root = identifier;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    return root;
  }
}
