package dev.kairos.console;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class PasswordHasherProperties {
  /** Cheap parameters: the property is about the encoding and comparison, not the cost. */
  static final PasswordHasher CHEAP = new PasswordHasher(64, 1, 1);

  @Property(tries = 200)
  void a_password_verifies_against_its_own_hash_and_no_other_password_does(
      @ForAll String password, @ForAll String other) {
    Assume.that(!password.equals(other));
    String hash = CHEAP.hash(password);
    assertThat(CHEAP.verify(password, hash)).isTrue();
    assertThat(CHEAP.verify(other, hash)).isFalse();
  }

  @Property(tries = 50)
  void the_same_password_hashes_differently_each_time(@ForAll String password) {
    assertThat(CHEAP.hash(password)).isNotEqualTo(CHEAP.hash(password));
  }

  @Example
  void the_default_is_argon2id_with_owasp_parameters_and_verifies_under_any_hasher() {
    String hash = PasswordHasher.DEFAULT.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(CHEAP.verify("correct horse battery", hash)).isTrue();
    assertThat(PasswordHasher.DEFAULT.outdated(hash)).isFalse();
    assertThat(PasswordHasher.DEFAULT.outdated(CHEAP.hash("x"))).isTrue();
  }

  @Example
  void a_malformed_hash_verifies_nothing() {
    assertThat(CHEAP.verify("", "")).isFalse();
    assertThat(CHEAP.verify("x", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA")).isFalse();
    assertThat(CHEAP.verify("x", "$2a$10$bcrypt")).isFalse();
    assertThat(CHEAP.verify("x", null)).isFalse();
  }
}
