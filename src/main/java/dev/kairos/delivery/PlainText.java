package dev.kairos.delivery;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The plain-text part generated from an email's HTML when the template has none: paragraphs and
 * line breaks kept, list items as "- ", links as "text (url)", images by their alt text, and what a
 * reader never sees (head, style, script, hidden preheaders) left out.
 */
public final class PlainText {
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "table",
          "tr",
          "ul",
          "ol",
          "blockquote",
          "section",
          "article",
          "header",
          "footer",
          "hr",
          "pre");
  private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title");

  private PlainText() {}

  public static String fromHtml(String html) {
    return of(Jsoup.parse(html).body());
  }

  /** The text a reader sees in this element. */
  public static String of(Element body) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new Writer(out), body);
    return tidy(out.toString());
  }

  private static final class Writer implements NodeVisitor {
    private final StringBuilder out;
    private int skipping;

    Writer(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof Element e) {
        if (skipping > 0 || SKIPPED.contains(e.normalName()) || hidden(e)) {
          skipping++;
          return;
        }
        switch (e.normalName()) {
          case "br" -> out.append('\n');
          case "li" -> out.append("\n- ");
          case "td", "th" -> out.append(' ');
          case "img" -> {
            if (!e.attr("alt").isBlank()) {
              out.append(e.attr("alt"));
            }
          }
          default -> {
            if (BLOCKS.contains(e.normalName())) {
              out.append("\n\n");
            }
          }
        }
      } else if (node instanceof TextNode t && skipping == 0) {
        out.append(t.text());
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (!(node instanceof Element e)) {
        return;
      }
      if (skipping > 0) {
        skipping--;
        return;
      }
      if (e.normalName().equals("a")) {
        String href = e.attr("href");
        if (href.startsWith("http") && !href.equals(e.text().trim())) {
          out.append(" (").append(href).append(')');
        }
      } else if (BLOCKS.contains(e.normalName())) {
        out.append("\n\n");
      }
    }
  }

  private static boolean hidden(Element e) {
    return e.attr("style")
        .replace(" ", "")
        .toLowerCase(java.util.Locale.ROOT)
        .contains("display:none");
  }

  /** Collapses runs of spaces and of blank lines, trims each line. */
  private static String tidy(String text) {
    StringBuilder out = new StringBuilder();
    int blank = 0;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.replaceAll("[ \\t\\u00a0]+", " ").trim();
      if (trimmed.isEmpty()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      out.append(trimmed);
      blank = 0;
    }
    return out.toString();
  }
}
