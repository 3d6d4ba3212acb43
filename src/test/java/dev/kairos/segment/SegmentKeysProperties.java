package dev.kairos.segment;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A name always makes a valid key (or none, when it has no letter or digit), and keys are stable.
 */
class SegmentKeysProperties {

  @Property
  void the_slug_of_any_name_is_a_valid_key_or_empty(@ForAll String name) {
    String slug = SegmentKeys.slug(name);
    assertThat(slug.isEmpty() || SegmentKeys.valid(slug)).as("slug of %s: %s", name, slug).isTrue();
  }

  @Property
  void a_key_is_its_own_slug_when_it_uses_underscores(@ForAll String name) {
    String slug = SegmentKeys.slug(name);
    assertThat(SegmentKeys.slug(slug)).isEqualTo(slug);
  }

  @Test
  void accents_and_punctuation_become_one_underscore() {
    assertThat(SegmentKeys.slug("  Big Spenders — in Café!  ")).isEqualTo("big_spenders_in_cafe");
    assertThat(SegmentKeys.slug("VIP")).isEqualTo("vip");
    assertThat(SegmentKeys.slug("%%%")).isEmpty();
  }
}
