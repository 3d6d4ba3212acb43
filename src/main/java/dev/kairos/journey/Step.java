package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One step of a journey. {@code next} names another step, or {@value #EXIT} to end the run. */
public sealed interface Step {
  String EXIT = "exit";

  /** The steps this one may lead to. */
  List<String> exits();

  /** Waits {@code duration}. */
  record Delay(Duration duration, String next) implements Step {
    public List<String> exits() {
      return List.of(next);
    }
  }

  /**
   * Waits until the next {@code time} of day on one of {@code weekdays} (all when empty) in the
   * person's time zone, or, with {@code dateTrait}, until that date (+ {@code daysOffset}) at
   * {@code time}.
   */
  record WaitUntil(
      LocalTime time,
      Set<DayOfWeek> weekdays,
      Optional<String> dateTrait,
      int daysOffset,
      String next)
      implements Step {
    public List<String> exits() {
      return List.of(next);
    }
  }

  /**
   * Waits for {@code event} (meeting {@code where}, and carrying the same values as the trigger for
   * each property in {@code match}) up to {@code timeout}: then {@code onEvent}, else {@code
   * onTimeout}.
   */
  record WaitForEvent(
      String event,
      List<PropertyCondition> where,
      List<String> match,
      Duration timeout,
      String onEvent,
      String onTimeout)
      implements Step {
    public List<String> exits() {
      return List.of(onEvent, onTimeout);
    }
  }

  /** A condition in the segment language, evaluated on the person now. */
  record Condition(JsonNode condition, String yes, String no) implements Step {
    public List<String> exits() {
      return List.of(yes, no);
    }
  }

  /** The first branch whose condition holds, else {@code otherwise}. */
  record Split(List<Branch> branches, String otherwise) implements Step {
    public record Branch(JsonNode condition, String next) {}

    public List<String> exits() {
      List<String> all = new java.util.ArrayList<>(branches.stream().map(Branch::next).toList());
      all.add(otherwise);
      return all;
    }
  }

  /** Percentages summing to 100, the branch chosen by a hash of the person (the same each time). */
  record RandomSplit(List<Share> branches) implements Step {
    public record Share(int percent, String next) {}

    public List<String> exits() {
      return branches.stream().map(Share::next).toList();
    }
  }

  /** Queues one message: the template on the channel, else on the first fallback channel. */
  record Send(String channel, String template, String topic, List<String> fallbacks, String next)
      implements Step {
    public List<String> exits() {
      return List.of(next);
    }
  }

  /** Sets a trait on the profile. */
  record UpdateTrait(String trait, JsonNode value, String next) implements Step {
    public List<String> exits() {
      return List.of(next);
    }
  }

  /**
   * Gives the person a coupon code, exposed to later templates as {@code coupon.code}: one from an
   * uploaded {@code pool}, or made from {@code pattern} ({@code {code}} is replaced by eight
   * characters unique to the person and step).
   */
  record Coupon(Optional<String> pool, Optional<String> pattern, String next) implements Step {
    public List<String> exits() {
      return List.of(next);
    }
  }

  /** Posts the run's context to a URL (through the outbox, like a send). */
  record Webhook(String url, String next) implements Step {
    public List<String> exits() {
      return List.of(next);
    }
  }

  /** Ends the run. */
  record Exit() implements Step {
    public List<String> exits() {
      return List.of();
    }
  }
}
