package dev.kairos.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The fast paths for UTC timestamps agree with the JDK's general formatter and parser. */
class TimestampsProperties {

  @Property(tries = 2_000)
  void formats_as_instant_to_string(
      @ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = 0, max = 3) int precision) {
    int truncated =
        precision == 0
            ? 0
            : precision == 1
                ? nanos / 1_000_000 * 1_000_000
                : precision == 2 ? nanos / 1_000 * 1_000 : nanos;
    Instant instant = Instant.ofEpochSecond(seconds, truncated);
    assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
  }

  @Property(tries = 2_000)
  void parses_what_it_formats_and_what_the_jdk_parses(
      @ForAll @LongRange(min = 0, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    String text = instant.toString();
    assertThat(Timestamps.parseUtc(text)).isEqualTo(instant);
    assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
  }

  @Property(tries = 5_000)
  void accepts_a_damaged_timestamp_only_when_the_jdk_reads_it_the_same(
      @ForAll @LongRange(min = 0, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(min = 0, max = 999) int millis,
      @ForAll @IntRange(min = 0, max = 29) int position,
      @ForAll @IntRange(min = 0, max = 17) int replacement) {
    String valid = Instant.ofEpochSecond(seconds, millis * 1_000_000L).toString();
    char[] chars = valid.toCharArray();
    chars[position % chars.length] = "0123456789-:TZ.+ x".charAt(replacement);
    String damaged = new String(chars);
    Instant fast = Timestamps.parseUtc(damaged);
    if (fast != null) {
      assertThat(fast)
          .as(damaged)
          .isEqualTo(
              OffsetDateTime.parse(damaged, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    }
  }

  @Example
  void refuses_impossible_dates_as_the_jdk_does() {
    assertThat(Timestamps.parseUtc("2026-02-30T10:00:00Z")).isNull();
    assertThat(Timestamps.parseUtc("2026-13-01T10:00:00Z")).isNull();
    assertThat(Timestamps.parseUtc("2026-11-23T24:00:00Z")).isNull();
    assertThat(Timestamps.parseUtc("2026-11-23T10:00:00.Z")).isNull();
    assertThat(Timestamps.parseUtc("2026-11-23T10:00:00.1234567890Z")).isNull();
    assertThat(Timestamps.parseUtc("2024-02-29T10:00:00.5Z"))
        .isEqualTo(Instant.parse("2024-02-29T10:00:00.500Z"));
  }
}
