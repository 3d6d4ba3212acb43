package dev.kairos.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Money, numbers and dates formatted in the person's locale and time zone. */
class LocaleFiltersTest {
  final TemplateRenderer renderer = new TemplateRenderer();

  String render(String html, String locale, String zone) {
    Map<String, Object> v = new HashMap<>();
    v.put(LocaleFilters.LOCALE, locale);
    v.put(LocaleFilters.TIME_ZONE, zone);
    v.put("currency", "EUR");
    v.put("at", "2026-03-01T23:30:00Z");
    Rendering r = renderer.render(new Template("t", "email", null, html, null, null), v);
    assertThat(r).isInstanceOf(Rendering.Rendered.class);
    return ((Rendering.Rendered) r).mainPart().replace('\u00a0', ' ').replace('\u202f', ' ');
  }

  @Test
  void money_uses_the_persons_locale_and_the_currency() {
    assertThat(render("{{ 1234.5 | money }}", "fr-FR", "UTC")).isEqualTo("1 234,50 €");
    assertThat(render("{{ 1234.5 | money }}", "en-IE", "UTC")).isEqualTo("€1,234.50");
    assertThat(render("{{ 9 | money: 'GBP' }}", "en-GB", "UTC")).isEqualTo("£9.00");
    assertThat(render("{{ 'n/a' | money }}", "en-GB", "UTC")).isEqualTo("n/a");
  }

  @Test
  void numbers_use_the_persons_separators() {
    assertThat(render("{{ 1234567.891 | number }}", "de-DE", "UTC")).isEqualTo("1.234.567,891");
    assertThat(render("{{ 3 | number: 2 }}", "en-US", "UTC")).isEqualTo("3.00");
  }

  @Test
  void dates_are_shown_in_the_persons_time_zone() {
    // 23:30 UTC on 1 March is already 2 March in Tokyo
    assertThat(render("{{ at | local_date }}", "en-GB", "Asia/Tokyo")).isEqualTo("2 March 2026");
    assertThat(render("{{ at | local_date }}", "en-GB", "Europe/London")).isEqualTo("1 March 2026");
    assertThat(render("{{ at | local_date: 'd MMM HH:mm' }}", "de-DE", "Europe/Berlin"))
        .isEqualTo("2 März 00:30");
  }

  @Test
  void without_a_locale_or_zone_the_defaults_apply() {
    assertThat(render("{{ 5 | money }}", null, null)).isEqualTo("€5.00");
  }
}
