package dev.kairos.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Templates written to escape the sandbox or exhaust the server (the Mautic SSTI advisory
 * GHSA-9fx4-7cmj-47vg and Liquid denial-of-service are the anchors): each either renders nothing of
 * the JVM or fails with a clear reason, quickly, and nothing of the machine leaks.
 */
class HostileTemplatesTest {
  final TemplateRenderer renderer = new TemplateRenderer();

  static Template email(String html) {
    return new Template("hostile", "email", null, html, null, null);
  }

  static Map<String, Object> variables() {
    Map<String, Object> v = new HashMap<>();
    v.put("profile", Map.of("traits", Map.of("first_name", "Ann")));
    return v;
  }

  Rendering render(String html) {
    return renderer.render(email(html), variables());
  }

  static String body(Rendering r) {
    assertThat(r).isInstanceOf(Rendering.Rendered.class);
    return ((Rendering.Rendered) r).mainPart();
  }

  static String reason(Rendering r) {
    assertThat(r).isInstanceOf(Rendering.Failed.class);
    return ((Rendering.Failed) r).reason();
  }

  @Test
  void classes_and_methods_are_not_reachable_from_values() {
    String out =
        body(
            render(
                "{{ profile.class }}|{{ profile.getClass }}|{{ profile.traits.first_name.class }}"
                    + "|{{ profile.traits.first_name.bytes }}|{{ profile.traits.class.name }}"
                    + "|{{ profile.traits.first_name.class.forName }}"));
    assertThat(out).isEqualTo("|||||");
  }

  @Test
  void a_java_object_given_by_mistake_is_only_its_text() {
    Map<String, Object> v = variables();
    v.put("file", new File("/etc/passwd"));
    String out =
        body(renderer.render(email("{{ file.path }}|{{ file.exists }}|{{ file.class }}"), v));
    assertThat(out).isEqualTo("||");
  }

  @Test
  void system_properties_and_the_environment_are_not_variables() {
    String out =
        body(
            render(
                "{{ system.user.home }}{{ env.PATH }}{{ java.version }}{{ site }}{{ page }}"
                    + "{{ System.getProperty }}"));
    assertThat(out).isEmpty();
  }

  @Test
  void include_and_render_of_local_files_fail_and_show_nothing_of_the_file() {
    for (String tag :
        List.of(
            "{% include '/etc/passwd' %}",
            "{% include '../../../../etc/passwd' %}",
            "{% include_relative '/etc/passwd' %}",
            "{% render '/etc/passwd' %}",
            "{% include 'pom.xml' %}")) {
      String reason = reason(render("before " + tag + " after"));
      assertThat(reason).as(tag).doesNotContain("root:").doesNotContain("<project");
    }
    assertThat(reason(render("{% include '/etc/passwd' %}"))).contains("includes are disabled");
  }

  @Test
  void a_huge_loop_stops_at_the_iteration_limit_with_a_clear_reason() {
    assertThat(reason(render("{% for i in (1..100000000) %}x{% endfor %}")))
        .contains("maxIterations");
    assertThat(
            reason(
                render(
                    "{% for i in (1..1000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}")))
        .contains("maxIterations");
  }

  @Test
  void a_string_doubled_in_a_loop_is_stopped_before_it_fills_the_heap() {
    long start = System.nanoTime();
    String reason =
        reason(
            render(
                "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..60) %}{% assign s = s | append: s %}"
                    + "{% endfor %}{{ s | size }}"));
    assertThat(reason).contains("filter append built more than");
    assertThat(System.nanoTime() - start)
        .isLessThan(TemplateRenderer.MAX_RENDER_MILLIS * 2_000_000);
  }

  @Test
  void a_capture_doubled_in_a_loop_is_stopped_by_the_output_limit() {
    assertThat(
            reason(
                render(
                    "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..60) %}{% capture s %}{{s}}{{s}}"
                        + "{% endcapture %}{% endfor %}{{ s }}")))
        .containsAnyOf("exceeds", "max amount of time");
  }

  @Test
  void a_list_doubled_in_a_loop_is_stopped() {
    assertThat(
            reason(
                render(
                    "{% assign a = 'x,y' | split: ',' %}{% for i in (1..60) %}"
                        + "{% assign a = a | concat: a %}{% endfor %}{{ a | size }}")))
        .contains("filter concat built more than");
  }

  @Test
  void huge_output_fails() {
    Map<String, Object> v = variables();
    v.put("big", "x".repeat(1000));
    assertThat(reason(renderer.render(email("{% for i in (1..9000) %}{{ big }}{% endfor %}"), v)))
        .contains("exceeds");
  }

  @Test
  void deep_nesting_fails_clearly_on_save_and_on_render() {
    String deep = "{% if true %}".repeat(5_000) + "x" + "{% endif %}".repeat(5_000);
    assertThat(renderer.problem(deep))
        .hasValueSatisfying(p -> assertThat(p.message()).contains("nested more than"));
    assertThat(reason(render(deep))).contains("nested more than");
    String deepExpression = "{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}";
    assertThat(renderer.problem(deepExpression)).isPresent();
    assertThat(renderer.problem(deepExpression).get().message().length()).isLessThanOrEqualTo(160);
    assertThat(render(deepExpression)).isInstanceOf(Rendering.Failed.class);
  }

  @Test
  void a_template_beyond_the_size_limit_is_refused() {
    String huge = "x".repeat((int) TemplateRenderer.MAX_TEMPLATE_BYTES + 10);
    assertThat(renderer.problem(huge))
        .hasValueSatisfying(p -> assertThat(p.message()).contains("at most"));
    assertThat(reason(render(huge))).contains("at most");
  }

  @Test
  void a_syntax_error_names_its_line_and_column() {
    assertThat(renderer.problem("Hello\n{% if x %}\n  {{ a "))
        .hasValueSatisfying(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.column()).isEqualTo(8); // where the input ended, unclosed
            });
  }
}
