package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Executes the due step of a run: what it does (through {@link StepEffects}) and where the run goes
 * next. A step is executed when the run arrives at it; a waiting step once more when its timer
 * fires (delay and wait_until: on; wait_for_event: the timeout). An event a run waits for is
 * handled by {@link #eventArrived}.
 */
public final class StepRunner {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private StepRunner() {}

  public static Transition execute(
      JourneyDefinition journey, Run run, Instant now, StepEffects effects) {
    Step step = journey.step(run.step());
    if (run.waiting()) {
      if (step instanceof Step.WaitForEvent w) {
        return new Transition.Continue(w.onTimeout(), trace(run, "wait_for_event", "timed_out"));
      } else if (step instanceof Step.Delay d) {
        return new Transition.Continue(d.next(), trace(run, "delay", "waited"));
      } else if (step instanceof Step.WaitUntil w) {
        return new Transition.Continue(w.next(), trace(run, "wait_until", "waited"));
      }
    }
    return arrive(journey, run, step, now, effects);
  }

  /** The event a run waits for came: on along {@code on_event}. */
  public static Transition eventArrived(Step.WaitForEvent step, Run run, String event, long seq) {
    ObjectNode detail = JSON.objectNode().put("event", event).put("event_seq", seq);
    return new Transition.Continue(
        step.onEvent(), new TraceEntry(run.step(), "wait_for_event", "event_arrived", detail));
  }

  /** Whether an event is the one a waiting step waits for, matched to the trigger where asked. */
  public static boolean awaited(
      Step.WaitForEvent step, Run run, String event, JsonNode properties) {
    if (!step.event().equals(event) || !PropertyCondition.all(step.where(), properties)) {
      return false;
    }
    for (String key : step.match()) {
      JsonNode expected = run.triggerProperties().get(key);
      JsonNode actual = properties == null ? null : properties.get(key);
      if (expected == null || actual == null || !expected.asText().equals(actual.asText())) {
        return false;
      }
    }
    return true;
  }

  private static Transition arrive(
      JourneyDefinition journey, Run run, Step step, Instant now, StepEffects effects) {
    if (step instanceof Step.Delay d) {
      return wait(run, "delay", now.plus(d.duration()), Optional.empty());
    } else if (step instanceof Step.WaitUntil w) {
      return waitUntil(run, w, now, effects);
    } else if (step instanceof Step.WaitForEvent w) {
      return wait(run, "wait_for_event", now.plus(w.timeout()), Optional.of(w.event()));
    } else if (step instanceof Step.Condition c) {
      return condition(run, c, effects);
    } else if (step instanceof Step.Split s) {
      return split(run, s, effects);
    } else if (step instanceof Step.RandomSplit r) {
      return randomSplit(journey, run, r);
    } else if (step instanceof Step.Send s) {
      return send(journey, run, s, now, effects);
    } else if (step instanceof Step.UpdateTrait u) {
      effects.updateTrait(u.trait(), u.value());
      ObjectNode detail = JSON.objectNode().put("trait", u.trait());
      detail.set("value", u.value());
      return new Transition.Continue(
          u.next(), new TraceEntry(run.step(), "update_trait", "updated", detail));
    } else if (step instanceof Step.Coupon c) {
      return coupon(journey, run, c, effects);
    } else if (step instanceof Step.Webhook w) {
      return webhook(journey, run, w, now, effects);
    }
    return new Transition.Continue(Step.EXIT, trace(run, "exit", "exited"));
  }

  private static Transition wait(Run run, String type, Instant until, Optional<String> event) {
    ObjectNode detail = JSON.objectNode().put("until", until.toString());
    event.ifPresent(e -> detail.put("event", e));
    return new Transition.Wait(until, event, new TraceEntry(run.step(), type, "waiting", detail));
  }

  private static Transition waitUntil(Run run, Step.WaitUntil w, Instant now, StepEffects effects) {
    if (w.dateTrait().isEmpty()) {
      return wait(
          run,
          "wait_until",
          WaitTimes.nextTimeOfDay(now, run.zone(), w.time(), w.weekdays()),
          Optional.empty());
    }
    Optional<LocalDate> date = effects.dateTrait(w.dateTrait().get());
    if (date.isEmpty()) {
      ObjectNode detail =
          JSON.objectNode().put("reason", "trait " + w.dateTrait().get() + " is not a date");
      return new Transition.Continue(
          w.next(), new TraceEntry(run.step(), "wait_until", "skipped", detail));
    }
    Instant at =
        ZonedDateTime.of(date.get().plusDays(w.daysOffset()), w.time(), run.zone()).toInstant();
    if (!at.isAfter(now)) {
      ObjectNode detail = JSON.objectNode().put("reason", "the date has passed: " + at);
      return new Transition.Continue(
          w.next(), new TraceEntry(run.step(), "wait_until", "passed", detail));
    }
    return wait(run, "wait_until", at, Optional.empty());
  }

  private static Transition condition(Run run, Step.Condition c, StepEffects effects) {
    ConditionResult result = effects.holds(c.condition());
    if (result instanceof ConditionResult.Unavailable u) {
      return unavailable(run, "condition", u);
    }
    ConditionResult.Holds h = (ConditionResult.Holds) result;
    ObjectNode detail = JSON.objectNode().put("holds", h.holds()).put("condition", h.explanation());
    return new Transition.Continue(
        h.holds() ? c.yes() : c.no(),
        new TraceEntry(run.step(), "condition", h.holds() ? "yes" : "no", detail));
  }

  private static Transition split(Run run, Step.Split s, StepEffects effects) {
    for (int i = 0; i < s.branches().size(); i++) {
      Step.Split.Branch branch = s.branches().get(i);
      ConditionResult result = effects.holds(branch.condition());
      if (result instanceof ConditionResult.Unavailable u) {
        return unavailable(run, "split", u);
      }
      ConditionResult.Holds h = (ConditionResult.Holds) result;
      if (h.holds()) {
        ObjectNode detail = JSON.objectNode().put("branch", i).put("condition", h.explanation());
        return new Transition.Continue(
            branch.next(), new TraceEntry(run.step(), "split", "branch", detail));
      }
    }
    return new Transition.Continue(s.otherwise(), trace(run, "split", "otherwise"));
  }

  private static Transition unavailable(Run run, String type, ConditionResult.Unavailable u) {
    return new Transition.Fail(
        new TraceEntry(
            run.step(),
            type,
            "condition_unavailable",
            JSON.objectNode().put("reason", u.reason())));
  }

  /** The person's bucket (0–99) for a step: the same at every visit, independent across steps. */
  public static int bucket(JourneyDefinition journey, Run run) {
    byte[] hash = sha256(run.profileId() + "/" + journey.key() + "/" + run.step());
    int value =
        ((hash[0] & 0xff) << 24)
            | ((hash[1] & 0xff) << 16)
            | ((hash[2] & 0xff) << 8)
            | (hash[3] & 0xff);
    return Integer.remainderUnsigned(value, 100);
  }

  private static Transition randomSplit(JourneyDefinition journey, Run run, Step.RandomSplit r) {
    int bucket = bucket(journey, run);
    int upTo = 0;
    for (int i = 0; i < r.branches().size(); i++) {
      upTo += r.branches().get(i).percent();
      if (bucket < upTo) {
        ObjectNode detail = JSON.objectNode().put("branch", i).put("bucket", bucket);
        return new Transition.Continue(
            r.branches().get(i).next(),
            new TraceEntry(run.step(), "random_split", "branch", detail));
      }
    }
    throw new IllegalStateException("percents of " + run.step() + " do not add up to 100");
  }

  private static Transition send(
      JourneyDefinition journey, Run run, Step.Send s, Instant now, StepEffects effects) {
    String key = SendRequest.idempotencyKey(run.id(), run.step());
    effects.queue(
        new SendRequest(
            key,
            run.id(),
            journey.key(),
            run.step(),
            run.profileId(),
            s.channel(),
            s.fallbacks(),
            s.template(),
            s.topic(),
            s.topic().equals("transactional")
                ? JourneyDefinition.Priority.TRANSACTIONAL
                : journey.priority(),
            variables(run),
            now));
    ObjectNode detail =
        JSON.objectNode()
            .put("idempotency_key", key)
            .put("channel", s.channel())
            .put("template", s.template());
    return new Transition.Continue(s.next(), new TraceEntry(run.step(), "send", "queued", detail));
  }

  private static Transition webhook(
      JourneyDefinition journey, Run run, Step.Webhook w, Instant now, StepEffects effects) {
    String key = SendRequest.idempotencyKey(run.id(), run.step());
    effects.queue(
        new SendRequest(
            key,
            run.id(),
            journey.key(),
            run.step(),
            run.profileId(),
            "webhook",
            java.util.List.of(),
            w.url(),
            "transactional",
            JourneyDefinition.Priority.TRANSACTIONAL,
            variables(run),
            now));
    ObjectNode detail = JSON.objectNode().put("idempotency_key", key).put("url", w.url());
    return new Transition.Continue(
        w.next(), new TraceEntry(run.step(), "webhook", "queued", detail));
  }

  private static ObjectNode variables(Run run) {
    ObjectNode variables = JSON.objectNode();
    variables.set(
        "event", run.triggerProperties().isNull() ? JSON.objectNode() : run.triggerProperties());
    variables.set(
        "coupon", run.context().has("coupon") ? run.context().get("coupon") : JSON.nullNode());
    return variables;
  }

  private static Transition coupon(
      JourneyDefinition journey, Run run, Step.Coupon c, StepEffects effects) {
    Optional<String> code =
        c.pool().isPresent()
            ? effects.couponFromPool(c.pool().get())
            : c.pattern().map(p -> fromPattern(p, journey, run));
    if (code.isEmpty()) {
      ObjectNode detail =
          JSON.objectNode().put("reason", "pool " + c.pool().orElse("") + " has no free code");
      return new Transition.Continue(
          c.next(), new TraceEntry(run.step(), "coupon", "pool_empty", detail));
    }
    ObjectNode coupon = JSON.objectNode().put("code", code.get()).put("step", run.step());
    c.pool().ifPresent(p -> coupon.put("pool", p));
    run.context().set("coupon", coupon);
    return new Transition.Continue(
        c.next(), new TraceEntry(run.step(), "coupon", "assigned", coupon.deepCopy()));
  }

  /** {@code {code}} replaced by eight base-32 characters of a hash of person, journey and step. */
  static String fromPattern(String pattern, JourneyDefinition journey, Run run) {
    byte[] hash = sha256(run.profileId() + "/" + journey.key() + "/" + run.step());
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder code = new StringBuilder();
    long bits = 0;
    for (int i = 0; i < 5; i++) {
      bits = (bits << 8) | (hash[i] & 0xff);
    }
    for (int i = 0; i < 8; i++) {
      code.append(alphabet.charAt((int) ((bits >>> (35 - 5 * i)) & 31)));
    }
    return pattern.replace("{code}", code);
  }

  private static TraceEntry trace(Run run, String type, String outcome) {
    return new TraceEntry(run.step(), type, outcome, JSON.objectNode());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
