package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class RandomSplitProperties {
  static final JourneyDefinition AB =
      new JourneyDefinition(
          "ab",
          "ab",
          new Trigger.Event("X", List.of()),
          JourneyDefinition.Entry.DEFAULT,
          Optional.empty(),
          List.of(),
          JourneyDefinition.Priority.TRIGGERED,
          "split",
          Map.of(
              "split",
              new Step.RandomSplit(
                  List.of(
                      new Step.RandomSplit.Share(10, "a"), new Step.RandomSplit.Share(90, "b"))),
              "a",
              new Step.Exit(),
              "b",
              new Step.Exit()));

  static Run run(UUID person) {
    return new Run(
        UUID.randomUUID(),
        "ab",
        1,
        person,
        "split",
        false,
        Instant.EPOCH,
        JsonNodeFactory.instance.objectNode(),
        JsonNodeFactory.instance.objectNode(),
        ZoneOffset.UTC);
  }

  @Property
  void a_person_gets_the_same_branch_in_every_run(@ForAll long high, @ForAll long low) {
    UUID person = new UUID(high, low);
    Transition first = StepRunner.execute(AB, run(person), Instant.EPOCH, null);
    Transition again = StepRunner.execute(AB, run(person), Instant.EPOCH, null);
    assertThat(((Transition.Continue) again).next())
        .isEqualTo(((Transition.Continue) first).next());
  }

  @Property(tries = 20)
  void shares_come_out_near_their_percentages(@ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    int a = 0;
    for (int i = 0; i < 10_000; i++) {
      UUID person = new UUID(random.nextLong(), random.nextLong());
      if (((Transition.Continue) StepRunner.execute(AB, run(person), Instant.EPOCH, null))
          .next()
          .equals("a")) {
        a++;
      }
    }
    assertThat(a).isBetween(850, 1150);
  }
}
