package dev.kairos.segment.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.segment.condition.Condition;
import dev.kairos.segment.condition.ConditionJson;
import dev.kairos.segment.condition.ConditionParser;
import dev.kairos.segment.condition.ParseResult;
import dev.kairos.segment.condition.SegmentDefinitions;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** A condition written back as JSON reads back as the same condition. */
class ConditionRoundTripProperties {
  private final SegmentDefinitions s1 =
      key ->
          key.equals("s1") ? Optional.of(new Condition.HasIdentifier("email")) : Optional.empty();

  @Property(tries = 500)
  void a_written_condition_parses_back_to_an_equal_one(@ForAll long seed) {
    RandomWorld world = new RandomWorld(seed);
    JsonNode json = new RandomConditions(world, true).condition(4);
    ConditionParser parser = new ConditionParser(s1);
    Condition condition = ((ParseResult.Valid) parser.parse(json)).condition();
    JsonNode written = ConditionJson.toJson(condition);
    assertThat(parser.parse(written)).isEqualTo(new ParseResult.Valid(condition));
    assertThat(ConditionJson.toJson(((ParseResult.Valid) parser.parse(written)).condition()))
        .isEqualTo(written);
  }
}
