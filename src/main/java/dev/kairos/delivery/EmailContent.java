package dev.kairos.delivery;

import dev.kairos.template.Rendering;
import dev.kairos.template.Template;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An email's parts as they are sent: the plain-text part generated from the HTML as written (with
 * the original links) when the template has none; the preheader as a hidden first line of the HTML
 * (the preview line mail clients show beside the subject); each web link rewritten to its signed
 * click URL ({@link Links#clickUrl}) unless the template's {@code track_clicks} is false; and the
 * open pixel ({@link Links#openUrl}) at the end of the body unless {@code track_opens} is false.
 * Kairos's own links (unsubscribe, preferences) are never rewritten.
 */
public final class EmailContent {
  private static final String HIDDEN =
      "display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;"
          + "overflow:hidden;mso-hide:all";

  private final Links links;

  public EmailContent(Links links) {
    this.links = links;
  }

  public Rendering.Rendered finish(Rendering.Rendered r, Template template, long messageId) {
    if (r.html() == null) {
      return r;
    }
    Document doc = Jsoup.parse(r.html());
    doc.outputSettings().prettyPrint(false);
    Element body = doc.body();
    String text = r.text() != null ? r.text() : PlainText.of(body);
    if (template.tracksClicks()) {
      String own = links.publicUrl() + "/";
      for (Element a : body.select("a[href]")) {
        String href = a.attr("href").trim();
        if (isWebLink(href) && !href.startsWith(own)) {
          a.attr("href", links.clickUrl(messageId, href));
        }
      }
    }
    if (r.preheader() != null && !r.preheader().isBlank()) {
      body.prependElement("div").attr("style", HIDDEN).text(r.preheader());
    }
    if (template.tracksOpens()) {
      body.appendElement("img")
          .attr("src", links.openUrl(messageId))
          .attr("width", "1")
          .attr("height", "1")
          .attr("alt", "")
          .attr("style", "display:block;border:0;width:1px;height:1px");
    }
    return new Rendering.Rendered(
        r.subject(), r.preheader(), doc.outerHtml(), text, r.body(), r.data());
  }

  private static boolean isWebLink(String href) {
    String lower = href.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }
}
