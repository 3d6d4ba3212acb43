package dev.kairos.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
  final TemplateRenderer renderer = new TemplateRenderer();

  static Template email(String html) {
    return new Template("t", "email", "Hi {{ profile.traits.first_name }}", html, null, null);
  }

  @Test
  void renders_profile_and_event_variables() {
    Rendering r =
        renderer.render(
            email("{{ event.product_id | upcase }}"),
            Map.of(
                "profile",
                Map.of("traits", Map.of("first_name", "Ann")),
                "event",
                Map.of("product_id", "p1")));
    assertThat(r).isEqualTo(new Rendering.Rendered("Hi Ann", null, "P1", null, null, Map.of()));
  }

  @Test
  void a_runaway_loop_is_stopped_by_the_iteration_limit() {
    Rendering r = renderer.render(email("{% for i in (1..100000000) %}x{% endfor %}"), Map.of());
    assertThat(r).isInstanceOf(Rendering.Failed.class);
  }

  @Test
  void output_beyond_the_size_limit_fails() {
    Rendering r =
        renderer.render(
            email("{% for i in (1..9000) %}{{ big }}{% endfor %}"),
            Map.of("big", "x".repeat(1000)));
    assertThat(r).isInstanceOf(Rendering.Failed.class);
  }

  @Test
  void includes_of_files_are_refused() {
    Rendering r = renderer.render(email("{% include '/etc/passwd' %}"), Map.of());
    assertThat(r).isInstanceOf(Rendering.Failed.class);
    assertThat(((Rendering.Failed) r).reason()).doesNotContain("root:");
  }
}
