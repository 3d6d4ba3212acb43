package dev.kairos.delivery.web;

/**
 * The small HTML pages of the public routes (unsubscribe, preference centre, confirmation): plain
 * forms that work without JavaScript, every value escaped.
 */
final class PublicPage {
  private PublicPage() {}

  static String of(String title, String body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>"
        + escape(title)
        + "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;"
        + "padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}"
        + "table{border-collapse:collapse}td,th{padding:.3rem .8rem;text-align:left}</style>"
        + "</head><body><h1>"
        + escape(title)
        + "</h1>"
        + body
        + "</body></html>";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** A topic as people read it: {@code cart_reminders} is "Cart reminders". */
  static String topicName(String topic) {
    String words = topic.replace('_', ' ');
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
