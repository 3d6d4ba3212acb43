package dev.kairos.ingest.imports.web;

import dev.kairos.ingest.imports.BatchTransport;
import dev.kairos.ingest.imports.CsvSource;
import dev.kairos.ingest.imports.ImportKind;
import dev.kairos.ingest.imports.ImportLimits;
import dev.kairos.ingest.imports.ImportOptions;
import dev.kairos.ingest.imports.ImportProblem;
import dev.kairos.ingest.imports.ImportSummary;
import dev.kairos.ingest.imports.Importer;
import dev.kairos.platform.csv.CsvInput;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/imports/customers} and {@code POST /api/imports/orders}: the body is the CSV
 * (gzip-compressed or not); query parameters {@code format}, {@code map} (repeatable {@code
 * field=Column}, or comma-separated), {@code zone} and {@code currency} as on the command line.
 * Answers with the import's summary once every call is stored.
 */
public final class ImportApi implements RouteGroup {
  private final Importer importer;
  private final BatchTransport transport;
  private final ImportLimits limits;

  public ImportApi(Importer importer, BatchTransport transport, ImportLimits limits) {
    this.importer = importer;
    this.transport = transport;
    this.limits = limits;
  }

  @Override
  public void register(RoutesConfig routes) {
    for (ImportKind kind : ImportKind.values()) {
      routes.post("/api/imports/" + kind.wireName(), ctx -> run(ctx, kind));
    }
  }

  private void run(Context ctx, ImportKind kind) {
    ImportOptions options;
    try {
      options =
          ImportOptions.parse(
              kind,
              ctx.queryParam("format"),
              mapEntries(ctx.queryParams("map")),
              ctx.queryParam("zone"),
              ctx.queryParam("currency"));
    } catch (ImportProblem e) {
      throw HttpProblem.badRequest(e.field(), e.getMessage());
    }
    Path body = saveBody(ctx, limits.maxBodyBytes());
    try {
      CsvSource source = CsvSource.of(body, "the request body", limits.maxDecompressedBytes());
      checkDecompressedSize(source);
      ImportSummary summary =
          importer.run(source, options, transport, Importer.DEFAULT_CONCURRENCY, progress -> {});
      ctx.json(summary);
    } catch (ImportProblem e) {
      throw HttpProblem.badRequest(e.field(), e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(body);
      } catch (IOException ignored) {
        // a temporary file; the OS cleans it up
      }
    }
  }

  private static List<String> mapEntries(List<String> params) {
    List<String> entries = new ArrayList<>();
    for (String param : params) {
      for (String entry : param.split(",")) {
        if (!entry.isBlank()) {
          entries.add(entry.trim());
        }
      }
    }
    return entries;
  }

  /**
   * The body streamed to a temporary file (orders are read twice, and files can be large), refused
   * with a 413 beyond {@code maxBytes}: at once when its Content-Length says so, else when the copy
   * passes it.
   */
  private static Path saveBody(Context ctx, long maxBytes) {
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw tooLarge("the request body", maxBytes, "KAIROS_IMPORT_MAX_BODY_MB");
    }
    Path file;
    try {
      file = Files.createTempFile("kairos-import-", ".csv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (InputStream in = ctx.bodyInputStream();
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long copied = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        copied += n;
        if (copied > maxBytes) {
          throw tooLarge("the request body", maxBytes, "KAIROS_IMPORT_MAX_BODY_MB");
        }
        out.write(buffer, 0, n);
      }
      return file;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException((IOException) e);
    }
  }

  /**
   * Reads the content once through, decompressed, so a body that inflates past the limit is refused
   * before any row is imported.
   */
  private static void checkDecompressedSize(CsvSource source) {
    try (Reader text = CsvInput.text(source.openStream(), source.maxBytes())) {
      char[] buffer = new char[64 * 1024];
      while (text.read(buffer) >= 0) {
        // counting happens in the stream
      }
    } catch (CsvInput.TooLarge e) {
      throw tooLarge("the decompressed body", e.limit(), "KAIROS_IMPORT_MAX_DECOMPRESSED_MB");
    } catch (IOException e) {
      throw HttpProblem.badRequest("body", "the body cannot be read: " + e.getMessage());
    }
  }

  private static HttpProblem tooLarge(String what, long maxBytes, String variable) {
    return new HttpProblem(
        413,
        "too_large",
        what + " is larger than " + maxBytes / (1024 * 1024) + " MB (" + variable + ")",
        "body",
        null);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file; the OS cleans it up
    }
  }
}
