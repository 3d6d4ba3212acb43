package dev.kairos.cli;

import dev.kairos.app.KairosServer;
import dev.kairos.ingest.imports.CsvSource;
import dev.kairos.ingest.imports.ImportKind;
import dev.kairos.ingest.imports.ImportOptions;
import dev.kairos.ingest.imports.ImportProblem;
import dev.kairos.ingest.imports.ImportSummary;
import dev.kairos.ingest.imports.Importer;
import dev.kairos.ingest.imports.client.HttpBatchTransport;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.KairosException;
import dev.kairos.platform.http.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Bulk import of customers and orders from CSV: {@code kairos import customers|orders FILE}. The
 * rows become Segment calls posted to {@code /v1/import} of the server at {@code --url}; when no
 * server answers there, a node is started in this process for the import and stopped after it. Exit
 * codes: 0 all lines imported, 1 some lines bad (the good ones imported), 2 nothing imported
 * (missing file, unknown column, refused write key...).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Bulk-load customers or orders from CSV (plain or .gz).",
    subcommands = {ImportCommand.Customers.class, ImportCommand.Orders.class})
public final class ImportCommand implements Runnable {
  static final int OK = 0;
  static final int BAD_LINES = 1;
  static final int NOTHING_IMPORTED = 2;

  @Override
  public void run() {
    System.out.println("Usage: kairos import customers|orders FILE.csv [--map field=Column]...");
  }

  @Command(
      name = "customers",
      mixinStandardHelpOptions = true,
      description = {
        "Import customers: one identify call per row (userId = customer_id).",
        "Columns: customer_id, email, phone, first_name, last_name, created_at;"
            + " other columns become traits."
      })
  static final class Customers extends Run {
    Customers() {
      this(System.getenv());
    }

    Customers(Map<String, String> env) {
      super(ImportKind.CUSTOMERS, env);
    }
  }

  @Command(
      name = "orders",
      mixinStandardHelpOptions = true,
      description = {
        "Import orders: one Order Completed per order id with its rows as products;"
            + " type=refund rows (or C invoices in online-retail) become Order Refunded.",
        "Columns: order_id, customer_id, email, order_date, product_id, sku, product_name,"
            + " category, price, quantity, currency, total, type, country."
      })
  static final class Orders extends Run {
    Orders() {
      this(System.getenv());
    }

    Orders(Map<String, String> env) {
      super(ImportKind.ORDERS, env);
    }
  }

  abstract static class Run implements Callable<Integer> {
    private final ImportKind kind;
    private final Map<String, String> env;

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "CSV file; .gz files are read compressed.")
    Path file;

    @Option(
        names = "--format",
        defaultValue = "csv",
        description = "csv (default) or online-retail (the UCI Online Retail file).")
    String format;

    @Option(
        names = "--map",
        paramLabel = "FIELD=COLUMN",
        description = "Read a field from another column, e.g. --map customer_id=CustID.")
    List<String> map = new ArrayList<>();

    @Option(
        names = "--zone",
        description =
            "Time zone of dates without an offset (default UTC; online-retail: Europe/London).")
    String zone;

    @Option(names = "--currency", description = "Currency when the file has no currency column.")
    String currency;

    @Option(
        names = "--url",
        description = "Server to import into (default http://localhost:${KAIROS_HTTP_PORT:-8080}).")
    String url;

    @Option(
        names = "--concurrency",
        defaultValue = "4",
        description = "Batches in flight at once (orders; default 4).")
    int concurrency;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    Run(ImportKind kind, Map<String, String> env) {
      this.kind = kind;
      this.env = env;
    }

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Importer importer = new Importer(Json.MAPPER, Clock.systemUTC());
      CsvSource source;
      ImportOptions options;
      try {
        options = ImportOptions.parse(kind, format, map, zone, currency);
        source = CsvSource.of(file);
        importer.check(source, options);
      } catch (ImportProblem e) {
        err.println("kairos import: " + e.getMessage());
        return NOTHING_IMPORTED;
      }
      URI base = URI.create(url != null ? url : "http://localhost:" + port(env));
      KairosServer local = null;
      try {
        String writeKey;
        if (HttpBatchTransport.serverAnswers(base)) {
          err.println("Importing into the server at " + base);
          writeKey = writeKey(env).orElse(null);
          if (writeKey == null) {
            err.println(
                "kairos import: no write key: set KAIROS_WRITE_KEY or write_key in "
                    + home(env).resolve("credentials.properties"));
            return NOTHING_IMPORTED;
          }
        } else {
          err.println(
              "No server answers at "
                  + base
                  + "; starting a Kairos node in this process for the import"
                  + " (KAIROS_HOME="
                  + home(env)
                  + ")");
          local = KairosServer.start(KairosConfig.from(env).withHttpPort(0), Clock.systemUTC());
          base = URI.create("http://localhost:" + local.port());
          writeKey = local.credentials().writeKey();
        }
        HttpBatchTransport transport = new HttpBatchTransport(base, writeKey, Json.MAPPER);
        transport.checkWriteKey();
        ImportSummary summary =
            importer.run(source, options, transport, concurrency, s -> progress(err, s));
        print(summary, spec.commandLine().getOut(), err);
        return summary.badLines() + summary.rejected() > 0 ? BAD_LINES : OK;
      } catch (ImportProblem e) {
        err.println("kairos import: " + e.getMessage());
        return NOTHING_IMPORTED;
      } finally {
        spec.commandLine().getOut().flush();
        if (local != null) {
          err.println("Stopping the in-process node");
          local.close();
        }
      }
    }

    private void print(ImportSummary s, PrintWriter out, PrintWriter err) {
      if (json) {
        try {
          out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s));
        } catch (IOException e) {
          throw new KairosException("cannot write the summary", e);
        }
        return;
      }
      for (ImportSummary.LineError error : s.errors()) {
        err.println("line " + error.line() + ": " + error.reason());
      }
      if (s.errorsCount() > s.errors().size()) {
        err.println("... and " + (s.errorsCount() - s.errors().size()) + " more errors");
      }
      out.printf(Locale.ROOT, "Imported %s in %.1f s%n", file, s.elapsedMillis() / 1000.0);
      out.printf(Locale.ROOT, "  lines read      %,d (%,.0f lines/s)%n", s.lines(), rate(s));
      out.printf(Locale.ROOT, "  records         %,d%n", s.records());
      if (s.multiLineRecords() > 0) {
        out.printf(
            Locale.ROOT,
            "  multi-line      %,d record(s) hold a quoted line break, the first at %s: if that was"
                + " not meant, a closing quote is missing there and the next line was read into it%n",
            s.multiLineRecords(),
            s.firstMultiLineRecord());
      }
      out.printf(Locale.ROOT, "  events sent     %,d%n", s.events());
      out.printf(Locale.ROOT, "  stored          %,d%n", s.stored());
      out.printf(Locale.ROOT, "  duplicates      %,d (already imported)%n", s.duplicates());
      out.printf(Locale.ROOT, "  bad lines       %,d%n", s.badLines());
      if (s.rejected() > 0) {
        out.printf(Locale.ROOT, "  rejected        %,d%n", s.rejected());
      }
      if (s.skipped() > 0) {
        out.printf(Locale.ROOT, "  skipped lines   %,d%n", s.skipped());
        s.skippedReasons()
            .forEach((reason, n) -> out.printf(Locale.ROOT, "    %,8d  %s%n", n, reason));
      }
      if (s.ordersTrimmed() > 0) {
        out.printf(
            Locale.ROOT,
            "  orders trimmed  %,d (products cut to fit the 32 KB call limit; amounts exact)%n",
            s.ordersTrimmed());
      }
    }

    private static void progress(PrintWriter err, ImportSummary s) {
      err.printf(
          Locale.ROOT,
          "  %,d lines (%,.0f lines/s), %,d events sent, %,d stored, %,d bad lines%n",
          s.lines(),
          rate(s),
          s.events(),
          s.stored(),
          s.badLines());
      err.flush();
    }

    private static double rate(ImportSummary s) {
      return s.lines() * 1000.0 / Math.max(1, s.elapsedMillis());
    }

    private static String port(Map<String, String> env) {
      String port = env.get("KAIROS_HTTP_PORT");
      return port == null || port.isBlank() || port.trim().equals("0")
          ? String.valueOf(KairosConfig.DEFAULT_HTTP_PORT)
          : port.trim();
    }

    private static Path home(Map<String, String> env) {
      String home = env.get("KAIROS_HOME");
      return home == null || home.isBlank()
          ? Path.of(System.getProperty("user.home"), ".kairos")
          : Path.of(home);
    }

    private static Optional<String> writeKey(Map<String, String> env) {
      String key = env.get("KAIROS_WRITE_KEY");
      if (key != null && !key.isBlank()) {
        return Optional.of(key.trim());
      }
      Path file = home(env).resolve("credentials.properties");
      if (!Files.isReadable(file)) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        return Optional.empty();
      }
      return Optional.ofNullable(properties.getProperty("write_key"));
    }
  }
}
