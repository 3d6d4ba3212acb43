package dev.kairos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifierNormaliserTest {
  final IdentifierNormaliser uk = new IdentifierNormaliser("GB");
  final IdentifierNormaliser none = new IdentifierNormaliser(null);

  @Test
  void emails_are_trimmed_and_lower_cased() {
    assertThat(uk.normalise("email", "  Ann.Lee@Example.COM "))
        .contains(new Identifier("email", "ann.lee@example.com"));
    assertThat(uk.normalise("email", "not-an-email")).isEmpty();
    assertThat(uk.normalise("email", "a@@b")).isEmpty();
  }

  @Test
  void phones_become_e164() {
    assertThat(uk.normalise("phone", "020 7946 0018"))
        .contains(new Identifier("phone", "+442079460018"));
    assertThat(none.normalise("phone", "+44 (20) 7946-0018"))
        .contains(new Identifier("phone", "+442079460018"));
    assertThat(none.normalise("phone", "0044 20 7946 0018"))
        .contains(new Identifier("phone", "+442079460018"));
    assertThat(none.normalise("phone", "020 7946 0018")).as("no country known").isEmpty();
    assertThat(uk.normalise("phone", "12")).isEmpty();
  }

  @Test
  void other_kinds_are_trimmed_and_kept_as_typed() {
    assertThat(uk.normalise("userId", " U-42 ")).contains(new Identifier("userId", "U-42"));
    assertThat(uk.normalise("anonymousId", "   ")).isEmpty();
  }
}
