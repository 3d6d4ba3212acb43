package dev.kairos.channel.email;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The HTML of an email as it is sent: the preheader as a hidden first line (the preview line mail
 * clients show beside the subject), each web link rewritten to its tracked click URL, and the open
 * pixel at the end of the body; and the plain-text part generated from the HTML as written (with
 * the original links) when the template has none.
 */
public final class EmailHtml {
  private static final String HIDDEN =
      "display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;"
          + "overflow:hidden;mso-hide:all";

  private EmailHtml() {}

  /**
   * What to track in one message.
   *
   * @param clickUrl the tracked URL of an original link, when clicks are tracked
   * @param untracked links left as they are (e.g. the unsubscribe and preference links)
   * @param openUrl the pixel's URL, when opens are tracked
   */
  public record Tracking(
      Optional<Function<String, String>> clickUrl,
      Predicate<String> untracked,
      Optional<String> openUrl) {
    public static final Tracking NONE =
        new Tracking(Optional.empty(), url -> true, Optional.empty());
  }

  /** The two parts of the message body. */
  public record Parts(String html, String text) {}

  public static Parts finish(String html, String text, String preheader, Tracking tracking) {
    Document doc = Jsoup.parse(html);
    doc.outputSettings().prettyPrint(false);
    Element body = doc.body();
    String plain = text != null ? text : PlainText.of(body);
    tracking
        .clickUrl()
        .ifPresent(
            click -> {
              for (Element a : body.select("a[href]")) {
                String href = a.attr("href").trim();
                if (isWebLink(href) && !tracking.untracked().test(href)) {
                  a.attr("href", click.apply(href));
                }
              }
            });
    if (preheader != null && !preheader.isBlank()) {
      body.prependElement("div").attr("style", HIDDEN).text(preheader);
    }
    tracking
        .openUrl()
        .ifPresent(
            pixel ->
                body.appendElement("img")
                    .attr("src", pixel)
                    .attr("width", "1")
                    .attr("height", "1")
                    .attr("alt", "")
                    .attr("style", "display:block;border:0;width:1px;height:1px"));
    return new Parts(doc.outerHtml(), plain);
  }

  private static boolean isWebLink(String href) {
    String lower = href.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }
}
