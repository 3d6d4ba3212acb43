package dev.kairos.platform.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class SignerProperties {
  static final Signer SIGNER = new Signer("k".repeat(32).getBytes());

  @Property
  void a_token_gives_back_its_payload_for_its_own_purpose(@ForAll String payload) {
    Assume.that(payload.equals(new String(payload.getBytes(UTF_8), UTF_8))); // no lone surrogate
    assertThat(SIGNER.verify("unsubscribe", SIGNER.sign("unsubscribe", payload))).contains(payload);
  }

  @Property
  void a_token_is_refused_for_another_purpose(@ForAll String payload) {
    assertThat(SIGNER.verify("click", SIGNER.sign("unsubscribe", payload))).isEmpty();
  }

  @Property
  void a_token_with_any_character_changed_is_refused(
      @ForAll @StringLength(min = 1, max = 40) String payload,
      @ForAll @IntRange(min = 0, max = 200) int at,
      @ForAll char replacement) {
    String token = SIGNER.sign("open", payload);
    int index = at % token.length();
    Assume.that(token.charAt(index) != replacement);
    String altered = token.substring(0, index) + replacement + token.substring(index + 1);
    assertThat(SIGNER.verify("open", altered)).isEmpty();
  }

  @Property
  void another_key_refuses_the_token(@ForAll String payload) {
    Signer other = new Signer("m".repeat(32).getBytes());
    assertThat(other.verify("open", SIGNER.sign("open", payload))).isEmpty();
  }
}
