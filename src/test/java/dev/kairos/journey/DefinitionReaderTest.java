package dev.kairos.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.platform.http.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {
  static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  static List<String> problems(String document) throws Exception {
    Reading reading = DefinitionReader.read(json(document));
    assertThat(reading).isInstanceOf(Reading.Invalid.class);
    return ((Reading.Invalid) reading).problems().stream().map(DefinitionProblem::field).toList();
  }

  @Test
  void the_contract_example_reads_into_typed_steps() throws Exception {
    Reading reading =
        DefinitionReader.read(
            json(
                """
        {"key": "cart-recovery", "name": "Cart recovery",
         "trigger": {"segment_entered": "abandoned_cart"},
         "entry": {"mode": "after_cooldown", "cooldown": "P7D"},
         "goal": {"event": "Order Completed", "within": "P7D"},
         "exit_on": [{"segment_exited": "abandoned_cart"}],
         "start": "first",
         "steps": {
           "first": {"type": "send", "channel": "email", "template": "cart-reminder", "next": "wait"},
           "wait":  {"type": "wait_for_event", "event": "Order Completed", "timeout": "P1D",
                     "on_event": "exit", "on_timeout": "coupon"},
           "coupon": {"type": "coupon", "pool": "CART10", "next": "last"},
           "last":  {"type": "send", "channel": "email", "template": "cart-coupon", "next": "exit"}
         }}"""));
    JourneyDefinition d = ((Reading.Valid) reading).definition();
    assertThat(d.trigger()).isEqualTo(new Trigger.SegmentEntered("abandoned_cart"));
    assertThat(d.entry().mode()).isEqualTo(JourneyDefinition.Entry.Mode.AFTER_COOLDOWN);
    assertThat(d.entry().cooldown()).isEqualTo(Duration.ofDays(7));
    assertThat(d.step("wait")).isInstanceOf(Step.WaitForEvent.class);
    assertThat(((Step.WaitForEvent) d.step("wait")).timeout()).isEqualTo(Duration.ofDays(1));
    assertThat(d.exitOn())
        .containsExactly(new JourneyDefinition.ExitCriterion.OnSegmentExited("abandoned_cart"));
  }

  @Test
  void every_problem_names_its_step_and_field() throws Exception {
    assertThat(
            problems(
                """
        {"key": "Bad Key", "trigger": {"event": "X"}, "start": "nowhere",
         "steps": {
           "a": {"type": "delay", "duration": "one hour", "next": "b"},
           "b": {"type": "wait_for_event", "event": "Order Completed", "on_event": "exit"},
           "c": {"type": "random_split", "branches": [{"percent": 60, "next": "exit"},
                                                      {"percent": 30, "next": "exit"}]},
           "d": {"type": "teleport"},
           "e": {"type": "send", "channel": "email", "next": "ghost"}
         }}"""))
        .contains(
            "key",
            "start",
            "steps.a.duration",
            "steps.b.timeout",
            "steps.b.on_timeout",
            "steps.c.branches",
            "steps.d.type",
            "steps.e.template",
            "steps.e");
  }

  @Test
  void triggers_of_every_kind_are_accepted() throws Exception {
    for (String trigger :
        List.of(
            "{\"event\": \"Signed Up\", \"where\": [{\"property\": \"plan\", \"op\": \"eq\", \"value\": \"pro\"}]}",
            "{\"segment_exited\": \"vip\"}",
            "{\"date_trait\": \"birthday\", \"days_offset\": -3, \"at\": \"09:00\"}",
            "{\"broadcast\": {\"segment\": \"vip\", \"at\": \"2026-12-24T10:00\", \"person_local_time\": true}}")) {
      Reading reading =
          DefinitionReader.read(
              json(
                  "{\"key\": \"k\", \"trigger\": "
                      + trigger
                      + ", \"start\": \"s\", \"steps\": {\"s\": {\"type\": \"exit\"}}}"));
      assertThat(reading).as(trigger).isInstanceOf(Reading.Valid.class);
    }
  }

  @Test
  void a_condition_is_kept_as_segment_language_json_and_must_be_an_object() throws Exception {
    assertThat(
            problems(
                "{\"key\": \"k\", \"trigger\": {\"event\": \"X\"}, \"start\": \"s\", \"steps\":"
                    + " {\"s\": {\"type\": \"condition\", \"condition\": \"vip\", \"yes\": \"exit\","
                    + " \"no\": \"exit\"}}}"))
        .containsExactly("steps.s.condition");
  }
}
