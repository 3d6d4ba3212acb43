package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A merge keeps, for every channel and topic, the most restrictive answer of the two people: both
 * answered, the denial wins; one answered (the topic itself, else its channel's {@code all}), that
 * answer; neither, no answer. So the order of the merge does not matter.
 */
class ConsentMergeProperties {
  static final List<String> CHANNELS = List.of("email", "sms");
  static final List<String> TOPICS = List.of("promotions", "newsletter", "all", "reviews");

  @Property(tries = 500)
  void the_merged_answer_is_the_most_restrictive_of_the_two(
      @ForAll("consents") ObjectNode a, @ForAll("consents") ObjectNode b) {
    ObjectNode merged = ConsentMerge.mostRestrictive(a, b);
    ObjectNode reversed = ConsentMerge.mostRestrictive(b, a);
    for (String channel : CHANNELS) {
      for (String topic : TOPICS) {
        Optional<Boolean> expected = combine(answer(a, channel, topic), answer(b, channel, topic));
        assertThat(answer(merged, channel, topic))
            .as("%s/%s of %s + %s", channel, topic, a, b)
            .isEqualTo(expected);
        assertThat(answer(reversed, channel, topic)).isEqualTo(expected);
      }
    }
  }

  static Optional<Boolean> combine(Optional<Boolean> x, Optional<Boolean> y) {
    if (x.isPresent() && y.isPresent()) {
      return Optional.of(x.get() && y.get());
    }
    return x.isPresent() ? x : y;
  }

  static Optional<Boolean> answer(ObjectNode consent, String channel, String topic) {
    JsonNode topics = consent.get(channel);
    if (topics == null || !topics.isObject()) {
      return Optional.empty();
    }
    JsonNode answer = topics.has(topic) ? topics.get(topic) : topics.get("all");
    return answer == null ? Optional.empty() : Optional.of(answer.asBoolean());
  }

  @Provide
  Arbitrary<ObjectNode> consents() {
    Arbitrary<Integer> answer = Arbitraries.integers().between(0, 2); // none, granted, denied
    return answer
        .list()
        .ofSize(TOPICS.size() * CHANNELS.size())
        .map(
            answers -> {
              ObjectNode consent = JsonNodeFactory.instance.objectNode();
              for (int c = 0; c < CHANNELS.size(); c++) {
                for (int t = 0; t < TOPICS.size(); t++) {
                  int value = answers.get(c * TOPICS.size() + t);
                  if (value > 0) {
                    consent.with(CHANNELS.get(c)).put(TOPICS.get(t), value == 1);
                  }
                }
              }
              return consent;
            });
  }
}
