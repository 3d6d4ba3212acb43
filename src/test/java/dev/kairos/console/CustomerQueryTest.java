package dev.kairos.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerQueryTest {
  @Test
  void nothing_typed_lists_the_newest() {
    assertThat(CustomerQuery.parse("  ")).isEqualTo(new CustomerQuery.Newest());
  }

  @Test
  void kind_and_value_look_up_that_identifier() {
    assertThat(CustomerQuery.parse("userId:42"))
        .isEqualTo(
            new CustomerQuery.ByIdentifier(List.of(new CustomerQuery.Candidate("userId", "42"))));
  }

  @Test
  void an_address_is_an_email_and_other_text_each_identifier_it_could_be() {
    assertThat(CustomerQuery.parse("ann@example.com"))
        .isEqualTo(
            new CustomerQuery.ByIdentifier(
                List.of(new CustomerQuery.Candidate("email", "ann@example.com"))));
    assertThat(CustomerQuery.parse("+44 7700 900123"))
        .isEqualTo(
            new CustomerQuery.ByIdentifier(
                List.of(
                    new CustomerQuery.Candidate("userId", "+44 7700 900123"),
                    new CustomerQuery.Candidate("phone", "+44 7700 900123"),
                    new CustomerQuery.Candidate("anonymousId", "+44 7700 900123"))));
  }

  @Test
  void name_equals_value_pairs_match_traits() {
    assertThat(CustomerQuery.parse("city=York plan=pro"))
        .isEqualTo(new CustomerQuery.ByTraits(Map.of("city", "York", "plan", "pro")));
  }
}
