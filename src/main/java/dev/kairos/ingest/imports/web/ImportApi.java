package dev.kairos.ingest.imports.web;

import dev.kairos.ingest.imports.BatchTransport;
import dev.kairos.ingest.imports.CsvSource;
import dev.kairos.ingest.imports.ImportKind;
import dev.kairos.ingest.imports.ImportOptions;
import dev.kairos.ingest.imports.ImportProblem;
import dev.kairos.ingest.imports.ImportSummary;
import dev.kairos.ingest.imports.Importer;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  public ImportApi(Importer importer, BatchTransport transport) {
    this.importer = importer;
    this.transport = transport;
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
    Path body = saveBody(ctx);
    try {
      ImportSummary summary =
          importer.run(
              CsvSource.of(body, "the request body"),
              options,
              transport,
              Importer.DEFAULT_CONCURRENCY,
              progress -> {});
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

  /** The body streamed to a temporary file: orders are read twice, and files can be large. */
  private static Path saveBody(Context ctx) {
    try {
      Path file = Files.createTempFile("kairos-import-", ".csv");
      try (InputStream in = ctx.bodyInputStream()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
