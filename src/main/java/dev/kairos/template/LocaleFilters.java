package dev.kairos.template;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * Filters that format for the person a message is for, in their locale ({@link #LOCALE}) and time
 * zone ({@link #TIME_ZONE}), both given with the variables:
 *
 * <ul>
 *   <li>{@code {{ 12.5 | money }}} → "€12.50" ("12,50 €" in French): the currency named as the
 *       argument ({@code money: 'GBP'}), else the {@code currency} variable, else USD;
 *   <li>{@code {{ 1234.5 | number }}} → "1,234.5"; {@code number: 2} → "1,234.50";
 *   <li>{@code {{ event.timestamp | local_date }}} → "2 March 2026" in the person's zone; the
 *       argument is a style ({@code short}, {@code medium}, {@code long}, {@code full}) or a
 *       pattern ({@code 'd MMM'}); {@code local_datetime} adds the time.
 * </ul>
 *
 * A value that is not a number or a date is left as it is.
 */
public final class LocaleFilters {
  /** The variable holding the person's locale, a BCP 47 tag ("fr-FR"). */
  public static final String LOCALE = "__locale";

  /** The variable holding the person's time zone ("Europe/Paris"). */
  public static final String TIME_ZONE = "__time_zone";

  private LocaleFilters() {}

  public static List<Filter> all() {
    return List.of(
        new Money(),
        new NumberFilter(),
        new LocalDateFilter("local_date", false),
        new LocalDateFilter("local_datetime", true));
  }

  static Locale locale(TemplateContext context) {
    Object tag = context.get(LOCALE);
    if (tag instanceof String s && !s.isBlank()) {
      Locale locale = Locale.forLanguageTag(s.replace('_', '-'));
      if (!locale.getLanguage().isEmpty()) {
        return locale;
      }
    }
    return Locale.US;
  }

  static ZoneId zone(TemplateContext context) {
    Object zone = context.get(TIME_ZONE);
    if (zone instanceof String s) {
      try {
        return ZoneId.of(s);
      } catch (DateTimeException e) {
        // the workspace's, below
      }
    }
    return ZoneId.of("UTC");
  }

  static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static final class Money extends Filter {
    Money() {
      super("money");
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
      BigDecimal amount = decimal(value);
      if (amount == null) {
        return value;
      }
      Object code = params.length > 0 ? params[0] : context.get("currency");
      Currency currency;
      try {
        currency =
            Currency.getInstance(
                code == null ? "USD" : code.toString().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        currency = Currency.getInstance("USD");
      }
      NumberFormat format = NumberFormat.getCurrencyInstance(locale(context));
      format.setCurrency(currency);
      format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
      format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
      return format.format(amount);
    }
  }

  private static final class NumberFilter extends Filter {
    NumberFilter() {
      super("number");
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
      BigDecimal number = decimal(value);
      if (number == null) {
        return value;
      }
      NumberFormat format = NumberFormat.getNumberInstance(locale(context));
      if (params.length > 0 && decimal(params[0]) != null) {
        int digits = Math.max(0, Math.min(10, decimal(params[0]).intValue()));
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
      } else {
        format.setMaximumFractionDigits(10);
      }
      return format.format(number);
    }
  }

  private static final class LocalDateFilter extends Filter {
    private final boolean withTime;

    LocalDateFilter(String name, boolean withTime) {
      super(name);
      this.withTime = withTime;
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
      ZoneId zone = zone(context);
      java.time.ZonedDateTime at = parse(value, zone);
      if (at == null) {
        return value;
      }
      Locale locale = locale(context);
      String style = params.length > 0 && params[0] != null ? params[0].toString() : "long";
      DateTimeFormatter format;
      try {
        FormatStyle formatStyle = FormatStyle.valueOf(style.toUpperCase(Locale.ROOT));
        format =
            withTime
                ? DateTimeFormatter.ofLocalizedDateTime(formatStyle, FormatStyle.SHORT)
                : DateTimeFormatter.ofLocalizedDate(formatStyle);
      } catch (IllegalArgumentException notAStyle) {
        try {
          format = DateTimeFormatter.ofPattern(style);
        } catch (IllegalArgumentException e) {
          return value;
        }
      }
      try {
        return format.withLocale(locale).format(at);
      } catch (DateTimeException e) {
        return value;
      }
    }

    private static java.time.ZonedDateTime parse(Object value, ZoneId zone) {
      String text = value == null ? "" : value.toString().trim();
      try {
        return Instant.parse(text).atZone(zone);
      } catch (DateTimeException e) {
        // other shapes below
      }
      try {
        return OffsetDateTime.parse(text).atZoneSameInstant(zone);
      } catch (DateTimeException e) {
        // other shapes below
      }
      try {
        return LocalDate.parse(text).atStartOfDay(zone);
      } catch (DateTimeException e) {
        return null;
      }
    }
  }
}
