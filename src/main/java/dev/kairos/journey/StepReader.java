package dev.kairos.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one step of a journey document ({@code steps.<key>}). */
final class StepReader {
  static final Set<String> TYPES =
      Set.of(
          "delay",
          "wait_until",
          "wait_for_event",
          "condition",
          "split",
          "random_split",
          "send",
          "update_trait",
          "coupon",
          "webhook",
          "exit");

  private StepReader() {}

  static Step read(Fields f) {
    JsonNode typeNode = f.node("type");
    String type = typeNode == null ? "" : typeNode.asText();
    if (!TYPES.contains(type)) {
      f.problem("type", "type must be one of " + new java.util.TreeSet<>(TYPES));
      return null;
    }
    return switch (type) {
      case "delay" -> new Step.Delay(f.duration("duration"), f.text("next"));
      case "wait_until" -> waitUntil(f);
      case "wait_for_event" ->
          new Step.WaitForEvent(
              f.text("event"),
              f.where("where"),
              f.texts("match"),
              f.duration("timeout"),
              f.text("on_event"),
              f.text("on_timeout"));
      case "condition" -> new Step.Condition(f.condition("condition"), f.text("yes"), f.text("no"));
      case "split" -> split(f);
      case "random_split" -> randomSplit(f);
      case "send" -> send(f);
      case "update_trait" -> updateTrait(f);
      case "coupon" -> coupon(f);
      case "webhook" -> webhook(f);
      default -> new Step.Exit();
    };
  }

  private static Step waitUntil(Fields f) {
    var dateTrait = f.optionalText("date_trait");
    LocalTime time = f.time("time", dateTrait.isPresent() ? LocalTime.of(9, 0) : null);
    if (time == null) {
      f.problem("time", "time is required (HH:mm in the person's time zone) unless date_trait is");
      time = LocalTime.MIDNIGHT;
    }
    Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
    for (String day : f.texts("weekdays")) {
      DayOfWeek parsed = weekday(day);
      if (parsed == null) {
        f.problem("weekdays", "weekdays are mon, tue, wed, thu, fri, sat, sun: " + day);
      } else {
        weekdays.add(parsed);
      }
    }
    return new Step.WaitUntil(
        time, weekdays, dateTrait, f.integer("days_offset", 0), f.text("next"));
  }

  private static DayOfWeek weekday(String day) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().substring(0, 3).equalsIgnoreCase(day) || d.name().equalsIgnoreCase(day)) {
        return d;
      }
    }
    return null;
  }

  private static Step split(Fields f) {
    List<Step.Split.Branch> branches = new ArrayList<>();
    JsonNode list = f.node("branches");
    if (list == null || !list.isArray() || list.isEmpty()) {
      f.problem("branches", "branches is required: [{condition, next}, ...]");
    } else {
      for (int i = 0; i < list.size(); i++) {
        Fields b = new Fields(list.get(i), f.path("branches[" + i + "]"), problemsOf(f));
        branches.add(new Step.Split.Branch(b.condition("condition"), b.text("next")));
      }
    }
    return new Step.Split(branches, f.text("otherwise"));
  }

  private static Step randomSplit(Fields f) {
    List<Step.RandomSplit.Share> shares = new ArrayList<>();
    JsonNode list = f.node("branches");
    if (list == null || !list.isArray() || list.isEmpty()) {
      f.problem("branches", "branches is required: [{percent, next}, ...]");
      return new Step.RandomSplit(shares);
    }
    int total = 0;
    for (int i = 0; i < list.size(); i++) {
      Fields b = new Fields(list.get(i), f.path("branches[" + i + "]"), problemsOf(f));
      int percent = b.integer("percent", -1);
      if (percent < 0 || percent > 100) {
        b.problem("percent", "percent must be a whole number from 0 to 100");
      }
      total += Math.max(0, percent);
      shares.add(new Step.RandomSplit.Share(percent, b.text("next")));
    }
    if (total != 100) {
      f.problem("branches", "the branches' percents must add up to 100, not " + total);
    }
    return new Step.RandomSplit(shares);
  }

  private static Step send(Fields f) {
    String channel = f.text("channel");
    String topic = f.optionalText("topic").orElse("promotions");
    return new Step.Send(
        channel.toLowerCase(Locale.ROOT),
        f.text("template"),
        topic,
        f.texts("fallbacks"),
        f.text("next"));
  }

  private static Step updateTrait(Fields f) {
    JsonNode value = f.node("value");
    if (value == null) {
      f.problem("value", "value is required (any JSON value)");
    }
    return new Step.UpdateTrait(f.text("trait"), value, f.text("next"));
  }

  private static Step coupon(Fields f) {
    var pool = f.optionalText("pool");
    var pattern = f.optionalText("pattern");
    if (pool.isPresent() == pattern.isPresent()) {
      f.problem(
          "pool", "give either pool (uploaded codes) or pattern (e.g. CART-{code}), not both");
    }
    if (pattern.isPresent() && !pattern.get().contains("{code}")) {
      f.problem("pattern", "pattern must contain {code}, e.g. WELCOME-{code}");
    }
    return new Step.Coupon(pool, pattern, f.text("next"));
  }

  private static Step webhook(Fields f) {
    String url = f.text("url");
    if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
      f.problem("url", "url must start with http:// or https://");
    }
    return new Step.Webhook(url, f.text("next"));
  }

  private static List<DefinitionProblem> problemsOf(Fields f) {
    return f.problems();
  }
}
